package io.deltasql.calcite;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/** Calcite's statement preparation with the rule that turns DML on virtual tables into Delta commits. */
public class DeltaSqlPrepare extends CalcitePrepareImpl {
    @Override
    protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
                                          org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
        RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
        planner.addRule(DeltaTableModifyRule.INSTANCE);
        return planner;
    }
}
