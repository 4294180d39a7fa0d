package io.deltasql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * Plans INSERT, DELETE and UPDATE on a virtual table as {@link EnumerableDeltaTableModify}, which
 * hands the statement's rows to the table at once (Calcite's own modify would add them one by one
 * to a collection). Registered with the others of {@link DeltaRules}.
 */
final class DeltaTableModifyRule extends ConverterRule {
    static DeltaTableModifyRule create() {
        return new DeltaTableModifyRule(Config.INSTANCE
                .withConversion(
                        LogicalTableModify.class,
                        (LogicalTableModify m) -> m.getTable().unwrap(DmlTarget.class) != null,
                        Convention.NONE,
                        EnumerableConvention.INSTANCE,
                        "DeltaTableModifyRule")
                .withRuleFactory(DeltaTableModifyRule::new));
    }

    private DeltaTableModifyRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalTableModify modify = (LogicalTableModify) rel;
        RelNode input =
                convert(modify.getInput(), modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
        return new EnumerableDeltaTableModify(
                modify.getCluster(),
                modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
                modify.getTable(),
                modify.getCatalogReader(),
                input,
                modify.getOperation(),
                modify.getUpdateColumnList(),
                modify.getSourceExpressionList(),
                modify.isFlattened());
    }
}
