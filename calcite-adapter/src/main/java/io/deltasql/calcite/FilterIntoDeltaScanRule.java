package io.deltasql.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Hands a filter's conjuncts to the virtual table scan below it, which uses what it understands
 * (table names, versions, paths, partition values) to narrow its catalog read. The filter stays:
 * the table's narrowing may be a superset.
 */
final class FilterIntoDeltaScanRule extends RelOptRule {
    @SuppressWarnings(
            "deprecation") // RelRule's configs need generated Immutables classes; this rule has one fixed shape
    FilterIntoDeltaScanRule() {
        super(operand(Filter.class, operand(DeltaTableScan.class, none())), "FilterIntoDeltaScanRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Filter filter = call.rel(0);
        DeltaTableScan scan = call.rel(1);
        // The filter sees the scan's row; the table reads by its own column indexes.
        RexShuttle toTableColumns = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(scan.columns().get(ref.getIndex()), ref.getType());
            }
        };
        List<RexNode> merged = new ArrayList<>(scan.filters());
        for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
            RexNode onTable = c.accept(toTableColumns);
            if (!merged.contains(onTable)) {
                merged.add(onTable);
            }
        }
        if (merged.size() == scan.filters().size()) {
            return;
        }
        call.transformTo(filter.copy(filter.getTraitSet(), scan.withFilters(merged), filter.getCondition()));
    }
}
