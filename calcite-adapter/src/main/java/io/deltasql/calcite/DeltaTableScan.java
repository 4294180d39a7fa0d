package io.deltasql.calcite;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * A scan of a virtual table in Calcite's enumerable convention: the query's generated code calls
 * the table's {@code scan} directly, with the filters it may use to narrow its catalog read
 * (Calcite still applies them on top). Calcite's own bindable scans run through an interpreter
 * that plans and compiles again on every execution; this keeps a reused plan free of both.
 */
final class DeltaTableScan extends TableScan implements EnumerableRel {
    private static final Method SCAN = Types.lookupMethod(DeltaScannable.class, "scan", DataContext.class, List.class);

    private final List<RexNode> filters;

    DeltaTableScan(RelOptCluster cluster, RelOptTable table, List<RexNode> filters) {
        super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(), table);
        this.filters = List.copyOf(filters);
    }

    /** The filters handed to the table to narrow its read. */
    List<RexNode> filters() {
        return filters;
    }

    @Override
    public void register(RelOptPlanner planner) {
        planner.addRule(FilterIntoDeltaScanRule.INSTANCE);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return this;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("filters", filters, !filters.isEmpty());
    }

    /** Narrowed reads are cheaper, so the planner prefers a scan that was handed filters. */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        RelOptCost cost = super.computeSelfCost(planner, mq);
        return cost == null || filters.isEmpty() ? cost : cost.multiplyBy(0.1);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return filters.isEmpty() ? super.estimateRowCount(mq) : super.estimateRowCount(mq) * 0.1;
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        DeltaScannable scannable = getTable().unwrap(DeltaScannable.class);
        if (scannable == null) {
            throw new IllegalStateException("table " + getTable().getQualifiedName() + " is not a deltasql virtual table");
        }
        Expression rows = Expressions.call(implementor.stash(scannable, DeltaScannable.class), SCAN,
                implementor.getRootExpression(), implementor.stash(filters, List.class));
        BlockBuilder builder = new BlockBuilder();
        builder.add(Expressions.return_(null, rows));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
        return implementor.result(physType, builder.toBlock());
    }
}
