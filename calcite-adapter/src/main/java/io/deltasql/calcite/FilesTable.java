package io.deltasql.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.FileFilter;
import io.deltasql.core.FileKey;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.ReadPredicate;
import io.deltasql.core.protocol.ColumnMappingNames;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code t$files}: the active files of a Delta table (at the latest version, or at a version or
 * time for the time-travel functions), one typed column per partition column. Filters on path and
 * partition columns narrow the catalog query. INSERT adds files and DELETE removes them, as one
 * Delta commit per statement under autocommit.
 */
final class FilesTable extends WritableTable<AddFile> {
    static final List<String> FIXED_COLUMNS = List.of("path", "size", "modification_time", "data_change", "partition_values",
            "stats", "num_records", "tags", "deletion_vector", "partition_values_logical");
    private static final int PATH = 0;
    private static final int SIZE = 1;
    private static final int MODIFICATION_TIME = 2;
    private static final int DATA_CHANGE = 3;
    private static final int PARTITION_VALUES = 4;
    private static final int STATS = 5;
    private static final int NUM_RECORDS = 6;
    private static final int TAGS = 7;
    private static final int DELETION_VECTOR = 8;
    private static final int PARTITION_VALUES_LOGICAL = 9;
    /** Paths per pushed-down lookup of active files. */
    private static final int LOOKUP_BATCH = 500;

    private final DeltaSession session;
    private final String table;
    private final List<PartitionColumn> partitions;
    private final Supplier<TableView> views;
    private final boolean latest;

    private FilesTable(DeltaSession session, String table, Metadata metadata, Supplier<TableView> views, boolean latest) {
        super(columnsFor(table, metadata));
        this.session = session;
        this.table = table;
        this.partitions = PartitionColumn.of(table, metadata, new HashSet<>(FIXED_COLUMNS));
        this.views = views;
        this.latest = latest;
    }

    /** The files at the latest version as the session sees it (with its transaction's staged changes). */
    static FilesTable latest(DeltaSession session, String table, Metadata metadata) {
        return new FilesTable(session, table, metadata, () -> session.view(table), true);
    }

    /** The files of a fixed committed snapshot (time travel); read-only. */
    static FilesTable snapshot(DeltaSession session, io.deltasql.core.Snapshot snapshot) {
        TableView view = TableView.of(snapshot);
        return new FilesTable(session, snapshot.table().name(), snapshot.metadata(), () -> view, false);
    }

    /** The columns every {@code $files} table and time-travel result has, before its partition columns. */
    static RelDataType fixedRowType(RelDataTypeFactory types) {
        return fixedColumns(pv -> pv).rowType(types);
    }

    private static Columns<AddFile> columnsFor(String table, Metadata metadata) {
        Columns<AddFile> c = fixedColumns(ColumnMappingNames.of(metadata)::toLogical);
        for (PartitionColumn p : PartitionColumn.of(table, metadata, new HashSet<>(FIXED_COLUMNS))) {
            c.add(p.columnName(), p::type, f -> p.toSql(f.partitionValues().get(p.key())));
        }
        return c;
    }

    /** The columns before the partition columns; {@code toLogical} re-keys partition values by the logical column names. */
    private static Columns<AddFile> fixedColumns(UnaryOperator<Map<String, String>> toLogical) {
        return new Columns<AddFile>()
                .notNull("path", SqlTypeName.VARCHAR, AddFile::path)
                .add("size", SqlTypeName.BIGINT, AddFile::size)
                .add("modification_time", SqlTypeName.BIGINT, AddFile::modificationTime)
                .add("data_change", SqlTypeName.BOOLEAN, AddFile::dataChange)
                .add("partition_values", SqlTypeName.VARCHAR, f -> Json.write(f.partitionValues()))
                .add("stats", SqlTypeName.VARCHAR, AddFile::stats)
                .add("num_records", SqlTypeName.BIGINT, FilesTable::numRecords)
                .add("tags", SqlTypeName.VARCHAR, f -> f.tags() == null || f.tags().isEmpty() ? null : Json.write(f.tags()))
                .add("deletion_vector", SqlTypeName.VARCHAR, FilesTable::deletionVectorJson)
                .add("partition_values_logical", SqlTypeName.VARCHAR, f -> Json.write(toLogical.apply(f.partitionValues())));
    }

    static Long numRecords(AddFile f) {
        if (f.stats() == null) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(f.stats()).get("numRecords");
            return n != null && n.canConvertToLong() ? n.asLong() : null;
        } catch (Exception e) {
            return null;
        }
    }

    static String deletionVectorJson(AddFile f) {
        if (f.deletionVector() == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(ActionCodec.toJson(f)).path("add").path("deletionVector").toString();
        } catch (Exception e) {
            return null;
        }
    }

    // ---- reads

    @Override
    CloseableIterator<AddFile> read(List<RexNode> filters) {
        FileFilter filter = fileFilter(filters);
        TableView view = views.get();
        if (latest) {
            SqlTransaction txn = session.current();
            if (txn != null) {
                txn.recordRead(table, readPredicate(filter));
            }
        }
        return view.files(filter);
    }

    /** Path and partition restrictions that Delta's string values can express exactly. */
    private FileFilter fileFilter(List<RexNode> filters) {
        FileFilter filter = FileFilter.ALL;
        Optional<Set<Object>> paths = Filters.points(filters, PATH);
        if (paths.isPresent()) {
            Set<String> p = new HashSet<>();
            paths.get().forEach(v -> {
                if (v != null) {
                    p.add(v.toString());
                }
            });
            filter = filter.withPaths(p);
        }
        for (int i = 0; i < partitions.size(); i++) {
            PartitionColumn pc = partitions.get(i);
            if (!pushable(pc)) {
                continue;
            }
            Optional<Set<Object>> values = Filters.points(filters, FIXED_COLUMNS.size() + i);
            if (values.isPresent()) {
                Set<String> delta = new HashSet<>();
                for (Object v : values.get()) {
                    delta.add(v == null ? null : pc.toDelta(v instanceof Number n && pc.sqlType() != SqlTypeName.VARCHAR
                            && pc.sqlType() != SqlTypeName.DATE ? n.longValue() : v));
                }
                filter = filter.withPartition(pc.key(), delta);
            }
        }
        return filter;
    }

    /** Types whose Delta string form is canonical, so comparing strings equals comparing values. */
    private static boolean pushable(PartitionColumn pc) {
        return switch (pc.sqlType()) {
            case VARCHAR, BIGINT, INTEGER, SMALLINT, TINYINT, DATE, BOOLEAN -> true;
            default -> false;
        };
    }

    private static ReadPredicate readPredicate(FileFilter filter) {
        if (!filter.partitionValues().isEmpty()) {
            return ReadPredicate.partitions(filter.toString(), filter::matchesPartition);
        }
        if (filter.paths() != null) {
            // A read of named paths depends on those files only; removing them is checked by file key.
            return ReadPredicate.partitions(filter.toString(), pv -> false);
        }
        return ReadPredicate.ALL;
    }

    // ---- writes

    @Override
    public long apply(String operation, Enumerable<Object[]> rows, List<String> updateColumns) {
        session.checkWritable("change the catalog"); // permission before support: a reader learns nothing more
        if (!latest) {
            throw new InvalidRequestException("a time-travel view of Delta table '" + table + "' is read-only", "0A000");
        }
        return switch (operation) {
            case "INSERT" -> session.runStatement(txn -> insert(txn, rows));
            case "DELETE" -> session.runStatement(txn -> delete(txn, rows));
            default -> throw new InvalidRequestException("UPDATE of " + table + "$files is not supported: a Delta file is"
                    + " immutable; DELETE it and INSERT the new file instead", "0A000");
        };
    }

    private long insert(SqlTransaction txn, Enumerable<Object[]> rows) {
        PendingTable pending = txn.pending(table);
        // Read from the schema once per statement, not once per row.
        List<PartitionColumn> columns = PartitionColumn.of(table, pending.metadata(), new HashSet<>(FIXED_COLUMNS));
        long now = System.currentTimeMillis();
        Map<String, AddFile> adds = new LinkedHashMap<>();
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                AddFile add = toAdd(e.current(), columns, now);
                if (adds.put(add.path(), add) != null) {
                    throw new InvalidRequestException("Delta table '" + table + "': file '" + add.path()
                            + "' appears twice in one INSERT", "23505");
                }
            }
        }
        TableView view = pending.view();
        for (List<String> batch : batches(adds.keySet())) {
            for (AddFile active : view.activeFiles(new LinkedHashSet<>(batch)).values()) {
                throw new InvalidRequestException("Delta table '" + table + "': column path: file '" + active.path()
                        + "' is already active; DELETE it first or add the file under a new path", "23505");
            }
        }
        adds.values().forEach(pending::stageAdd);
        pending.operation("WRITE", Map.of("mode", "Append"));
        return adds.size();
    }

    private AddFile toAdd(Object[] row, List<PartitionColumn> columns, long now) {
        String path = (String) row[PATH];
        if (path == null || path.isEmpty()) {
            throw new InvalidRequestException("Delta table '" + table + "': column path must name the file, and it is "
                    + (path == null ? "NULL" : "empty"));
        }
        Object size = row[SIZE];
        if (size == null) {
            throw new InvalidRequestException("Delta table '" + table + "': column size is required for file '" + path + "'");
        }
        if (((Number) size).longValue() < 0) {
            throw new InvalidRequestException("Delta table '" + table + "': column size must be >= 0, and it is " + size
                    + " for file '" + path + "'");
        }
        ObjectNode add = Json.mapper().createObjectNode();
        add.put("path", path);
        add.set("partitionValues", Json.mapper().valueToTree(partitionValues(row, columns, path)));
        add.put("size", ((Number) size).longValue());
        add.put("modificationTime", row[MODIFICATION_TIME] == null ? now : ((Number) row[MODIFICATION_TIME]).longValue());
        add.put("dataChange", row[DATA_CHANGE] == null || (Boolean) row[DATA_CHANGE]);
        String stats = stats(row, path);
        if (stats != null) {
            add.put("stats", stats);
        }
        if (row[TAGS] != null) {
            add.set("tags", Json.mapper().valueToTree(Json.stringMap(table, "tags", (String) row[TAGS])));
        }
        if (row[DELETION_VECTOR] != null) {
            JsonNode dv = Json.parse(table, "deletion_vector", (String) row[DELETION_VECTOR]);
            if (!dv.isObject()) {
                throw new InvalidRequestException("Delta table '" + table + "': column deletion_vector must be a JSON object,"
                        + " and it is '" + Json.abbreviate((String) row[DELETION_VECTOR]) + "'");
            }
            add.set("deletionVector", dv);
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.set("add", add);
        try {
            return (AddFile) ActionCodec.parse(line.toString());
        } catch (InvalidActionException e) {
            throw new InvalidRequestException("Delta table '" + table + "': " + e.getMessage(), e);
        }
    }

    private String stats(Object[] row, String path) {
        String stats = (String) row[STATS];
        Object numRecords = row[NUM_RECORDS];
        if (stats == null) {
            return numRecords == null ? null : "{\"numRecords\":" + ((Number) numRecords).longValue() + "}";
        }
        JsonNode parsed = Json.parse(table, "stats", stats);
        if (!parsed.isObject()) {
            throw new InvalidRequestException("Delta table '" + table + "': column stats must be a JSON object, and it is '"
                    + Json.abbreviate(stats) + "' for file '" + path + "'");
        }
        if (numRecords != null && parsed.has("numRecords") && parsed.get("numRecords").asLong() != ((Number) numRecords).longValue()) {
            throw new InvalidRequestException("Delta table '" + table + "': column num_records is " + numRecords
                    + " but stats say numRecords " + parsed.get("numRecords") + " for file '" + path + "'");
        }
        if (numRecords != null && !parsed.has("numRecords")) {
            ((ObjectNode) parsed).put("numRecords", ((Number) numRecords).longValue());
            return parsed.toString();
        }
        return stats;
    }

    /** Partition values from the JSON columns and the typed columns, which must agree where more than one gives a value. */
    private Map<String, String> partitionValues(Object[] row, List<PartitionColumn> columns, String path) {
        Map<String, String> json = new LinkedHashMap<>();
        for (int index : new int[] {PARTITION_VALUES, PARTITION_VALUES_LOGICAL}) {
            if (index < row.length && row[index] != null) {
                json.put(FIXED_COLUMNS.get(index), (String) row[index]);
            }
        }
        Object[] typed = new Object[columns.size()];
        for (int i = 0; i < typed.length; i++) {
            int index = FIXED_COLUMNS.size() + i;
            typed[i] = index < row.length ? row[index] : null;
        }
        return InsertedPartitionValues.of(table, columns, path, json, typed);
    }

    private long delete(SqlTransaction txn, Enumerable<Object[]> rows) {
        List<Object[]> matched = new ArrayList<>();
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                matched.add(e.current());
            }
        }
        PendingTable pending = txn.pending(table);
        TableView view = pending.view();
        TableView committed = view.base() == null ? null : TableView.of(view.base());
        Set<String> paths = new LinkedHashSet<>();
        matched.forEach(r -> paths.add((String) r[PATH]));
        Map<FileKey, AddFile> active = new HashMap<>();
        Set<FileKey> committedKeys = new HashSet<>();
        for (List<String> batch : batches(paths)) {
            active.putAll(view.activeFiles(new LinkedHashSet<>(batch)));
            if (committed != null) {
                committedKeys.addAll(committed.activeFiles(new LinkedHashSet<>(batch)).keySet());
            }
        }
        // By path, so each matched row meets only its own file's entries (one per deletion vector), not every active file.
        Map<String, List<Map.Entry<FileKey, AddFile>>> activeByPath = new HashMap<>();
        for (Map.Entry<FileKey, AddFile> e : active.entrySet()) {
            activeByPath.computeIfAbsent(e.getValue().path(), p -> new ArrayList<>(1)).add(e);
        }
        long now = System.currentTimeMillis();
        long count = 0;
        for (Object[] row : matched) {
            String dv = (String) row[DELETION_VECTOR];
            for (Map.Entry<FileKey, AddFile> e : activeByPath.getOrDefault((String) row[PATH], List.of())) {
                AddFile f = e.getValue();
                if (java.util.Objects.equals(deletionVectorJson(f), dv)) {
                    pending.stageRemove(f, f.toRemove(now, true), committedKeys.contains(e.getKey()));
                    count++;
                }
            }
        }
        pending.operation("DELETE", Map.of("predicate", "[" + paths.size() + " file(s)]"));
        return count;
    }

    private static List<List<String>> batches(Set<String> values) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String v : values) {
            current.add(v);
            if (current.size() == LOOKUP_BATCH) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
