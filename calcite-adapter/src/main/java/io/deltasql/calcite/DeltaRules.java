package io.deltasql.calcite;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;

/**
 * The planner rules of the adapter, one instance each, and the one place they are registered:
 * {@link DeltaSqlPrepare} calls {@link #register} for every planner it creates. They go in with
 * the planner rather than with the first {@link DeltaTableScan}, because DML and literal rows are
 * planned where no scan of a virtual table appears ({@code INSERT ... VALUES}). A plain Calcite
 * model connection ({@code DeltaSchemaFactory}) has no such hook, so its scans bring the scan rules
 * ({@link #registerScanRules}) when the planner first meets one.
 */
final class DeltaRules {
    private DeltaRules() {}

    /** DML on a virtual table as one Delta commit per statement. */
    static final DeltaTableModifyRule TABLE_MODIFY = DeltaTableModifyRule.create();
    /** Literal rows, short lists compiled and long lists bound as data; replaces Calcite's values rule. */
    static final LiteralRowsRule LITERAL_ROWS = LiteralRowsRule.create();
    /** A filter's conjuncts narrow the catalog read of the scan below. */
    static final FilterIntoDeltaScanRule FILTER_INTO_SCAN = new FilterIntoDeltaScanRule();
    /** A projection narrows the scan to the columns it uses. */
    static final ProjectIntoDeltaScanRule PROJECT_INTO_SCAN = new ProjectIntoDeltaScanRule();
    /** An aggregate right above a scan narrows it to the columns it uses. */
    static final AggregateIntoDeltaScanRule AGGREGATE_INTO_SCAN = new AggregateIntoDeltaScanRule();

    static final List<RelOptRule> SCAN_RULES = List.of(FILTER_INTO_SCAN, PROJECT_INTO_SCAN, AGGREGATE_INTO_SCAN);

    static final List<RelOptRule> RULES =
            List.of(TABLE_MODIFY, LITERAL_ROWS, FILTER_INTO_SCAN, PROJECT_INTO_SCAN, AGGREGATE_INTO_SCAN);

    static void register(RelOptPlanner planner) {
        planner.removeRule(EnumerableRules.ENUMERABLE_VALUES_RULE); // LITERAL_ROWS plans every VALUES instead
        RULES.forEach(planner::addRule);
    }

    /** Adding a rule twice is a no-op, so a scan may call this on a planner {@link #register} set up. */
    static void registerScanRules(RelOptPlanner planner) {
        SCAN_RULES.forEach(planner::addRule);
    }
}
