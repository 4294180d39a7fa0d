package io.deltasql.calcite;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Executes DML on a virtual table: hands all the statement's rows, as arrays, to the table's
 * {@link DmlTarget} in one call and returns the count it reports.
 */
final class EnumerableDeltaTableModify extends TableModify implements EnumerableRel {
    private static final Method APPLY =
            Types.lookupMethod(DmlTarget.class, "apply", String.class, Enumerable.class, List.class);

    EnumerableDeltaTableModify(
            RelOptCluster cluster,
            RelTraitSet traits,
            RelOptTable table,
            Prepare.CatalogReader catalogReader,
            RelNode input,
            Operation operation,
            List<String> updateColumns,
            List<RexNode> sourceExpressions,
            boolean flattened) {
        super(cluster, traits, table, catalogReader, input, operation, updateColumns, sourceExpressions, flattened);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EnumerableDeltaTableModify(
                getCluster(),
                traitSet,
                getTable(),
                getCatalogReader(),
                sole(inputs),
                getOperation(),
                getUpdateColumnList(),
                getSourceExpressionList(),
                isFlattened());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression rows = builder.append("rows", input.block);
        Expression arrays = builder.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
        DmlTarget target = getTable().unwrap(DmlTarget.class);
        if (target == null) {
            throw new IllegalStateException("table " + getTable().getQualifiedName() + " does not accept DML");
        }
        // Cast: the same table object may already be stashed for the scan, under its scannable type.
        Expression targetRef = Expressions.convert_(implementor.stash(target, DmlTarget.class), DmlTarget.class);
        List<String> updateColumns = getUpdateColumnList() == null ? List.of() : List.copyOf(getUpdateColumnList());
        Expression count = builder.append(
                "count",
                Expressions.call(
                        targetRef,
                        APPLY,
                        Expressions.constant(getOperation().name()),
                        arrays,
                        implementor.stash(updateColumns, List.class)));
        builder.add(Expressions.return_(null, Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, count)));
        PhysType physType = PhysTypeImpl.of(
                implementor.getTypeFactory(),
                getRowType(),
                pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
        return implementor.result(physType, builder.toBlock());
    }
}
