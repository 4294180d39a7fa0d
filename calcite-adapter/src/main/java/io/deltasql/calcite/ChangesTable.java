package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.LogEntry;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ColumnMappingNames;
import io.deltasql.core.protocol.RemoveFile;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code t$changes}: every add and remove action of the log, oldest first; partition values as the
 * log keys them and, in {@code partition_values_logical}, keyed by the table's logical column names.
 */
final class ChangesTable extends VirtualTable<ChangesTable.Change> {
    /** One file action of one version. */
    record Change(
            long version,
            String action,
            String path,
            Long size,
            String partitionValues,
            boolean dataChange,
            String logicalPartitionValues) {
        static Change of(LogEntry e, ColumnMappingNames names) {
            Object a = ActionCodec.parse(e.json());
            if (a instanceof AddFile add) {
                return new Change(
                        e.version(),
                        "add",
                        add.path(),
                        add.size(),
                        Json.write(add.partitionValues()),
                        add.dataChange(),
                        Json.write(names.toLogical(add.partitionValues())));
            }
            RemoveFile r = (RemoveFile) a;
            return new Change(
                    e.version(),
                    "remove",
                    r.path(),
                    r.size(),
                    r.partitionValues() == null ? null : Json.write(r.partitionValues()),
                    r.dataChange(),
                    r.partitionValues() == null ? null : Json.write(names.toLogical(r.partitionValues())));
        }
    }

    private final DeltaSession session;
    private final String table;

    ChangesTable(DeltaSession session, String table) {
        super(new Columns<Change>()
                .notNull("version", SqlTypeName.BIGINT, Change::version)
                .notNull("action", SqlTypeName.VARCHAR, Change::action)
                .notNull("path", SqlTypeName.VARCHAR, Change::path)
                .add("size", SqlTypeName.BIGINT, Change::size)
                .add("partition_values", SqlTypeName.VARCHAR, Change::partitionValues)
                .add("data_change", SqlTypeName.BOOLEAN, Change::dataChange)
                .add("partition_values_logical", SqlTypeName.VARCHAR, Change::logicalPartitionValues));
        this.session = session;
        this.table = table;
    }

    @Override
    CloseableIterator<Change> read(List<RexNode> filters) {
        long[] range = Filters.range(filters, 0);
        Set<String> types = Set.of("add", "remove");
        // Physical names never change for a column, so the latest metadata names every version's keys.
        ColumnMappingNames names = ColumnMappingNames.of(session.view(table).metadata());
        CloseableIterator<LogEntry> log = session.catalog().log(table, range[0], range[1], types);
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return log.hasNext();
            }

            @Override
            public Change next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return Change.of(log.next(), names);
            }

            @Override
            public void close() {
                log.close();
            }
        };
    }
}
