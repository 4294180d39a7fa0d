package io.deltasql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalValues;

/**
 * Plans literal rows: a short list as Calcite's {@link EnumerableValues} (compiled into the code,
 * where constant folding may use it), a longer one as {@link EnumerableLiteralRows} (bound as
 * data), so INSERTs of 100,000 rows and IN lists of 100,000 values fit. Replaces Calcite's
 * {@code ENUMERABLE_VALUES_RULE} ({@link DeltaRules}).
 */
final class LiteralRowsRule extends ConverterRule {
    /** Up to this many rows stay compiled: a few hundred literals are far from a method's 64 KB. */
    static final int MAX_COMPILED_ROWS = 64;

    static LiteralRowsRule create() {
        return new LiteralRowsRule(Config.INSTANCE
                .withConversion(LogicalValues.class, Convention.NONE, EnumerableConvention.INSTANCE, "LiteralRowsRule")
                .withRuleFactory(LiteralRowsRule::new));
    }

    private LiteralRowsRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalValues values = (LogicalValues) rel;
        if (values.getTuples().size() > MAX_COMPILED_ROWS && EnumerableLiteralRows.supports(values.getRowType())) {
            return EnumerableLiteralRows.create(values.getCluster(), values.getRowType(), values.getTuples());
        }
        return EnumerableValues.create(values.getCluster(), values.getRowType(), values.getTuples());
    }
}
