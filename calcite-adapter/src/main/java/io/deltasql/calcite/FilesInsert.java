package io.deltasql.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.InvalidActionException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * {@code INSERT INTO "t$files"}: checks each row and turns it into an add (defaults for the
 * columns left out, partition values from the JSON and typed columns), refuses a path given twice
 * or already active, and stages the adds as one append.
 */
final class FilesInsert {
    private final String table;

    FilesInsert(String table) {
        this.table = table;
    }

    /** Stages the adds in {@code txn}; the number of files added. */
    long run(SqlTransaction txn, Enumerable<Object[]> rows) {
        PendingTable pending = txn.pending(table);
        // Read from the schema once per statement, not once per row.
        List<PartitionColumn> columns =
                PartitionColumn.of(table, pending.metadata(), new HashSet<>(FilesTable.FIXED_COLUMNS));
        long now = System.currentTimeMillis();
        Map<String, AddFile> adds = new LinkedHashMap<>();
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                AddFile add = toAdd(e.current(), columns, now);
                if (adds.put(add.path(), add) != null) {
                    throw DeltaSqlErrors.duplicate(
                            "Delta table '" + table + "': file '" + add.path() + "' appears twice in one INSERT");
                }
            }
        }
        for (AddFile active :
                ActiveFileLookup.byPaths(pending.view(), adds.keySet()).values()) {
            throw DeltaSqlErrors.duplicate("Delta table '" + table + "': column path: file '" + active.path()
                    + "' is already active; DELETE it first or add the file under a new path");
        }
        adds.values().forEach(pending::stageAdd);
        pending.operation("WRITE", Map.of("mode", "Append"));
        return adds.size();
    }

    private AddFile toAdd(Object[] row, List<PartitionColumn> columns, long now) {
        String path = (String) row[FilesTable.PATH];
        if (path == null || path.isEmpty()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column path must name the file, and it is "
                    + (path == null ? "NULL" : "empty"));
        }
        Object size = row[FilesTable.SIZE];
        if (size == null) {
            throw DeltaSqlErrors.invalid(
                    "Delta table '" + table + "': column size is required for file '" + path + "'");
        }
        if (((Number) size).longValue() < 0) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column size must be >= 0, and it is " + size
                    + " for file '" + path + "'");
        }
        Object modificationTime = row[FilesTable.MODIFICATION_TIME];
        Object dataChange = row[FilesTable.DATA_CHANGE];
        AddFile.Builder add = AddFile.builder()
                .path(path)
                .partitionValues(partitionValues(row, columns, path))
                .size(((Number) size).longValue())
                .modificationTime(modificationTime == null ? now : ((Number) modificationTime).longValue())
                .dataChange(dataChange == null || (Boolean) dataChange)
                .stats(stats(row, path));
        if (row[FilesTable.TAGS] != null) {
            add.tags(Json.stringMap(table, "tags", (String) row[FilesTable.TAGS]));
        }
        try {
            if (row[FilesTable.DELETION_VECTOR] != null) {
                add.deletionVector(
                        ActionCodec.deletionVector(deletionVector((String) row[FilesTable.DELETION_VECTOR])));
            }
            return add.build();
        } catch (InvalidActionException e) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': " + e.getMessage(), e);
        }
    }

    private ObjectNode deletionVector(String text) {
        JsonNode dv = Json.parse(table, "deletion_vector", text);
        if (!dv.isObject()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column deletion_vector must be a JSON object,"
                    + " and it is '" + Json.abbreviate(text) + "'");
        }
        return (ObjectNode) dv;
    }

    private String stats(Object[] row, String path) {
        String stats = (String) row[FilesTable.STATS];
        Object numRecords = row[FilesTable.NUM_RECORDS];
        if (stats == null) {
            return numRecords == null ? null : "{\"numRecords\":" + ((Number) numRecords).longValue() + "}";
        }
        JsonNode parsed = Json.parse(table, "stats", stats);
        if (!parsed.isObject()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column stats must be a JSON object, and it is '"
                    + Json.abbreviate(stats) + "' for file '" + path + "'");
        }
        if (numRecords != null
                && parsed.has("numRecords")
                && parsed.get("numRecords").asLong() != ((Number) numRecords).longValue()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column num_records is " + numRecords
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
        for (int index : new int[] {FilesTable.PARTITION_VALUES, FilesTable.PARTITION_VALUES_LOGICAL}) {
            if (index < row.length && row[index] != null) {
                json.put(FilesTable.FIXED_COLUMNS.get(index), (String) row[index]);
            }
        }
        Object[] typed = new Object[columns.size()];
        for (int i = 0; i < typed.length; i++) {
            int index = FilesTable.FIXED_COLUMNS.size() + i;
            typed[i] = index < row.length ? row[index] : null;
        }
        return InsertedPartitionValues.of(table, columns, path, json, typed);
    }
}
