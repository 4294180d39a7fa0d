package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.FileFilter;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ColumnMappingNames;
import io.deltasql.core.protocol.Metadata;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code t$partitions}: one row per distinct partition of the active files, with the typed
 * partition columns, the number of files, their size and (where every file has stats) records;
 * partition values as the log keys them and by logical column names (they differ under column mapping).
 */
final class PartitionsTable extends VirtualTable<PartitionsTable.Partition> {
    static final List<String> FIXED_COLUMNS =
            List.of("partition_values", "num_files", "size_bytes", "num_records", "partition_values_logical");

    /** The totals of one partition. */
    static final class Partition {
        final Map<String, String> values;
        long files;
        long bytes;
        Long records = 0L;

        Partition(Map<String, String> values) {
            this.values = values;
        }

        void add(AddFile f) {
            files++;
            bytes += f.size();
            Long n = FilesTable.numRecords(f);
            records = records == null || n == null ? null : records + n;
        }
    }

    private final DeltaSession session;
    private final String table;

    PartitionsTable(DeltaSession session, String table, Metadata metadata) {
        super(columnsFor(table, metadata));
        this.session = session;
        this.table = table;
    }

    private static Columns<Partition> columnsFor(String table, Metadata metadata) {
        ColumnMappingNames names = ColumnMappingNames.of(metadata);
        Columns<Partition> c = new Columns<Partition>()
                .notNull("partition_values", SqlTypeName.VARCHAR, p -> Json.write(p.values))
                .notNull("num_files", SqlTypeName.BIGINT, p -> p.files)
                .notNull("size_bytes", SqlTypeName.BIGINT, p -> p.bytes)
                .add("num_records", SqlTypeName.BIGINT, p -> p.records)
                .notNull("partition_values_logical", SqlTypeName.VARCHAR, p -> Json.write(names.toLogical(p.values)));
        for (PartitionColumn pc : PartitionColumn.of(table, metadata, new HashSet<>(FIXED_COLUMNS))) {
            c.add(pc.columnName(), pc::type, p -> pc.toSql(p.values.get(pc.key())));
        }
        return c;
    }

    @Override
    CloseableIterator<Partition> read(List<RexNode> filters) {
        Map<Map<String, String>, Partition> partitions = new LinkedHashMap<>();
        try (CloseableIterator<AddFile> files = session.view(table).files(FileFilter.ALL)) {
            while (files.hasNext()) {
                AddFile f = files.next();
                partitions.computeIfAbsent(f.partitionValues(), Partition::new).add(f);
            }
        }
        return CloseableIterator.of(partitions.values().iterator());
    }
}
