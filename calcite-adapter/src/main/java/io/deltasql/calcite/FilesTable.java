package io.deltasql.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.FileFilter;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ColumnMappingNames;
import io.deltasql.core.protocol.Metadata;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code t$files}: the active files of a Delta table (at the latest version, or at a version or
 * time for the time-travel functions), one typed column per partition column. Filters on path and
 * partition columns narrow the catalog query. INSERT ({@link FilesInsert}) adds files and DELETE
 * ({@link FilesDelete}) removes them, as one Delta commit per statement under autocommit.
 */
final class FilesTable extends WritableTable<AddFile> {
    /** The columns before the partition columns; the constants below are their positions in a row. */
    static final List<String> FIXED_COLUMNS = List.of(
            "path",
            "size",
            "modification_time",
            "data_change",
            "partition_values",
            "stats",
            "num_records",
            "tags",
            "deletion_vector",
            "partition_values_logical");

    static final int PATH = 0;
    static final int SIZE = 1;
    static final int MODIFICATION_TIME = 2;
    static final int DATA_CHANGE = 3;
    static final int PARTITION_VALUES = 4;
    static final int STATS = 5;
    static final int NUM_RECORDS = 6;
    static final int TAGS = 7;
    static final int DELETION_VECTOR = 8;
    static final int PARTITION_VALUES_LOGICAL = 9;

    private final DeltaSession session;
    private final String table;
    private final FilesPushdown pushdown;
    private final Supplier<TableView> views;
    private final boolean latest;

    private FilesTable(
            DeltaSession session, String table, Metadata metadata, Supplier<TableView> views, boolean latest) {
        super(columnsFor(table, metadata));
        this.session = session;
        this.table = table;
        this.pushdown = new FilesPushdown(PartitionColumn.of(table, metadata, new HashSet<>(FIXED_COLUMNS)));
        this.views = views;
        this.latest = latest;
    }

    /** The files at the latest version as the session sees it (with its transaction's staged changes). */
    static FilesTable latest(DeltaSession session, String table, Metadata metadata) {
        return new FilesTable(session, table, metadata, () -> session.view(table), true);
    }

    /** The files of a fixed committed snapshot (time travel); read-only. */
    static FilesTable snapshot(DeltaSession session, Snapshot snapshot) {
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
                .add(
                        "tags",
                        SqlTypeName.VARCHAR,
                        f -> f.tags() == null || f.tags().isEmpty() ? null : Json.write(f.tags()))
                .add("deletion_vector", SqlTypeName.VARCHAR, FilesTable::deletionVectorJson)
                .add(
                        "partition_values_logical",
                        SqlTypeName.VARCHAR,
                        f -> Json.write(toLogical.apply(f.partitionValues())));
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
            return Json.mapper()
                    .readTree(ActionCodec.toJson(f))
                    .path("add")
                    .path("deletionVector")
                    .toString();
        } catch (Exception e) {
            return null;
        }
    }

    // ---- reads

    @Override
    CloseableIterator<AddFile> read(List<RexNode> filters) {
        FileFilter filter = pushdown.fileFilter(filters);
        TableView view = views.get();
        if (latest) {
            SqlTransaction txn = session.current();
            if (txn != null) {
                txn.recordRead(table, FilesPushdown.readPredicate(filter));
            }
        }
        return view.files(filter);
    }

    // ---- writes: the DML classes turn the statement's rows into staged changes

    @Override
    public long apply(String operation, Enumerable<Object[]> rows, List<String> updateColumns) {
        session.checkWritable("change the catalog"); // permission before support: a reader learns nothing more
        if (!latest) {
            throw DeltaSqlErrors.unsupported("a time-travel view of Delta table '" + table + "' is read-only");
        }
        return switch (operation) {
            case "INSERT" -> session.runStatement(txn -> new FilesInsert(table).run(txn, rows));
            case "DELETE" -> session.runStatement(txn -> new FilesDelete(table).run(txn, rows));
            default ->
                throw DeltaSqlErrors.unsupported("UPDATE of " + table + "$files is not supported: a Delta file is"
                        + " immutable; DELETE it and INSERT the new file instead");
        };
    }
}
