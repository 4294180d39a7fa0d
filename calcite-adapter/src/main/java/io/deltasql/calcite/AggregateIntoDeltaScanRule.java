package io.deltasql.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Narrows a virtual table scan to the columns an aggregate right above it uses. Calcite's field
 * trimming leaves {@code COUNT(*)} directly on the scan (a projection of no columns is no
 * projection), which would otherwise compute every column of every row only to count them.
 */
final class AggregateIntoDeltaScanRule extends RelOptRule {
    @SuppressWarnings(
            "deprecation") // RelRule's configs need generated Immutables classes; this rule has one fixed shape
    AggregateIntoDeltaScanRule() {
        super(operand(Aggregate.class, operand(DeltaTableScan.class, none())), "AggregateIntoDeltaScanRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        DeltaTableScan scan = call.rel(1);
        ImmutableBitSet.Builder usedBuilder = aggregate.getGroupSet().rebuild();
        for (AggregateCall c : aggregate.getAggCallList()) {
            usedBuilder.addAll(c.getArgList());
            if (c.filterArg >= 0) {
                usedBuilder.set(c.filterArg);
            }
            c.getCollation().getFieldCollations().forEach(fc -> usedBuilder.set(fc.getFieldIndex()));
            if (c.distinctKeys != null) {
                usedBuilder.addAll(c.distinctKeys);
            }
        }
        ImmutableBitSet used = usedBuilder.build();
        int fieldCount = scan.getRowType().getFieldCount();
        if (used.cardinality() == fieldCount || (used.isEmpty() && fieldCount == 1)) {
            return;
        }
        DeltaTableScan narrowed = scan.narrowedTo(used);
        Mapping mapping = Mappings.create(
                MappingType.INVERSE_SURJECTION,
                fieldCount,
                narrowed.getRowType().getFieldCount());
        int target = 0;
        for (int f : used) {
            mapping.set(f, target++);
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            calls.add(c.transform(mapping));
        }
        call.transformTo(aggregate.copy(
                aggregate.getTraitSet(),
                narrowed,
                Mappings.apply(mapping, aggregate.getGroupSet()),
                Mappings.apply2(mapping, aggregate.getGroupSets()),
                calls));
    }
}
