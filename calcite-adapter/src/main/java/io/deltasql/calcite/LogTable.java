package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.LogEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code t$log}: the raw log, one row per action as it is (or will be) in the mirrored {@code <version>.json}. */
final class LogTable extends VirtualTable<LogEntry> {
    private final DeltaSession session;
    private final String table;

    LogTable(DeltaSession session, String table) {
        super(new Columns<LogEntry>()
                .notNull("version", SqlTypeName.BIGINT, LogEntry::version)
                .notNull("action_type", SqlTypeName.VARCHAR, LogEntry::actionType)
                .notNull("action_json", SqlTypeName.VARCHAR, LogEntry::json));
        this.session = session;
        this.table = table;
    }

    @Override
    CloseableIterator<LogEntry> read(List<RexNode> filters) {
        long[] range = Filters.range(filters, 0);
        Set<String> types = new HashSet<>();
        Filters.points(filters, 1).ifPresent(p -> p.forEach(v -> types.add(String.valueOf(v))));
        return session.catalog().log(table, range[0], range[1], types);
    }
}
