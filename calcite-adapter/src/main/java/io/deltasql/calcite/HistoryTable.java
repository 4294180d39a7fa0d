package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.protocol.CommitInfo;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code t$history}: one row per version with every commitInfo field, newest first. */
final class HistoryTable extends VirtualTable<HistoryEntry> {
    private final DeltaSession session;
    private final String table;

    HistoryTable(DeltaSession session, String table) {
        super(new Columns<HistoryEntry>()
                .notNull("version", SqlTypeName.BIGINT, HistoryEntry::version)
                .notNull("timestamp", SqlTypeName.TIMESTAMP, HistoryEntry::timestamp)
                .add("user_id", SqlTypeName.VARCHAR, info(CommitInfo::userId))
                .add("user_name", SqlTypeName.VARCHAR, info(CommitInfo::userName))
                .add("operation", SqlTypeName.VARCHAR, HistoryEntry::operation)
                .add(
                        "operation_parameters",
                        SqlTypeName.VARCHAR,
                        info(ci -> ci.operationParameters() == null
                                ? null
                                : ci.operationParameters().toString()))
                .add(
                        "operation_metrics",
                        SqlTypeName.VARCHAR,
                        info(ci -> ci.operationMetrics() == null
                                ? null
                                : ci.operationMetrics().toString()))
                .add("engine_info", SqlTypeName.VARCHAR, info(CommitInfo::engineInfo))
                .add("user_metadata", SqlTypeName.VARCHAR, info(CommitInfo::userMetadata))
                .add("read_version", SqlTypeName.BIGINT, info(CommitInfo::readVersion))
                .add("isolation_level", SqlTypeName.VARCHAR, info(CommitInfo::isolationLevel))
                .add("is_blind_append", SqlTypeName.BOOLEAN, HistoryEntry::blindAppend)
                .add("num_added_files", SqlTypeName.BIGINT, HistoryEntry::numAddedFiles)
                .add("num_removed_files", SqlTypeName.BIGINT, HistoryEntry::numRemovedFiles)
                .add("txn_id", SqlTypeName.VARCHAR, info(CommitInfo::txnId)));
        this.session = session;
        this.table = table;
    }

    private static Function<HistoryEntry, Object> info(Function<CommitInfo, Object> field) {
        return e -> e.commitInfo() == null ? null : field.apply(e.commitInfo());
    }

    @Override
    CloseableIterator<HistoryEntry> read(List<RexNode> filters) {
        long[] range = Filters.range(filters, 0);
        List<HistoryEntry> all = session.catalog().history(table);
        return CloseableIterator.of(all.stream()
                .filter(e -> e.version() >= range[0] && e.version() <= range[1])
                .iterator());
    }
}
