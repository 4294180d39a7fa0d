package io.deltasql.calcite;

import java.lang.reflect.Method;
import java.util.ArrayList;
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
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A scan of a virtual table in Calcite's enumerable convention: the query's generated code calls
 * the table's {@code scan} directly, with the filters it may use to narrow its catalog read
 * (Calcite still applies them on top) and the table columns the query uses, so the others are
 * never computed. Calcite's own bindable scans run through an interpreter that plans and compiles
 * again on every execution; this keeps a reused plan free of both.
 */
final class DeltaTableScan extends TableScan implements EnumerableRel {
    private static final Method SCAN =
            Types.lookupMethod(DeltaScannable.class, "scan", DataContext.class, List.class, int[].class);

    private final List<RexNode> filters;
    private final ImmutableIntList columns;

    /** A scan of every column. */
    DeltaTableScan(RelOptCluster cluster, RelOptTable table, List<RexNode> filters) {
        this(cluster, table, filters, identity(table));
    }

    /**
     * @param filters conditions on the table's columns (indexes of the table, not of this scan's row)
     * @param columns the table columns this scan produces, in order
     */
    DeltaTableScan(RelOptCluster cluster, RelOptTable table, List<RexNode> filters, List<Integer> columns) {
        super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(), table);
        this.filters = List.copyOf(filters);
        this.columns = ImmutableIntList.copyOf(columns);
    }

    /** The filters handed to the table to narrow its read, on the table's column indexes. */
    List<RexNode> filters() {
        return filters;
    }

    /** The table column of each field of this scan's row. */
    ImmutableIntList columns() {
        return columns;
    }

    boolean projected() {
        return !columns.equals(identity());
    }

    DeltaTableScan withFilters(List<RexNode> newFilters) {
        return new DeltaTableScan(getCluster(), getTable(), newFilters, columns);
    }

    /**
     * This scan narrowed to some of its fields (by position in its row, ascending); a row needs a
     * column, so no field at all (COUNT(*)) keeps the first, which is cheap in every table.
     */
    DeltaTableScan narrowedTo(ImmutableBitSet fields) {
        List<Integer> kept = new ArrayList<>();
        for (int f : fields.isEmpty() ? ImmutableBitSet.of(0) : fields) {
            kept.add(columns.get(f));
        }
        return new DeltaTableScan(getCluster(), getTable(), filters, kept);
    }

    @Override
    public RelDataType deriveRowType() {
        if (!projected()) {
            return table.getRowType();
        }
        List<RelDataTypeField> fields = table.getRowType().getFieldList();
        RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
        for (int c : columns) {
            b.add(fields.get(c));
        }
        return b.build();
    }

    @Override
    public void register(RelOptPlanner planner) {
        DeltaRules.registerScanRules(planner);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return this;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .itemIf("filters", filters, !filters.isEmpty())
                .itemIf("columns", columns, projected());
    }

    /**
     * Narrowed reads are cheaper, and so are rows with fewer columns to compute: the planner
     * prefers a scan that was handed filters and columns.
     */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        RelOptCost cost = super.computeSelfCost(planner, mq);
        if (cost == null) {
            return null;
        }
        if (!filters.isEmpty()) {
            cost = cost.multiplyBy(0.1);
        }
        int all = table.getRowType().getFieldCount();
        return cost.multiplyBy((columns.size() + 1.0) / (all + 1.0));
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return filters.isEmpty() ? super.estimateRowCount(mq) : super.estimateRowCount(mq) * 0.1;
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        DeltaScannable scannable = getTable().unwrap(DeltaScannable.class);
        if (scannable == null) {
            throw new IllegalStateException(
                    "table " + getTable().getQualifiedName() + " is not a deltasql virtual table");
        }
        Expression rows = Expressions.call(
                implementor.stash(scannable, DeltaScannable.class),
                SCAN,
                implementor.getRootExpression(),
                implementor.stash(filters, List.class),
                implementor.stash(columns.toIntArray(), int[].class));
        BlockBuilder builder = new BlockBuilder();
        builder.add(Expressions.return_(null, rows));
        // Calcite's operators above take a one-field row as its bare value (SCALAR), wider rows as arrays.
        JavaRowFormat format = columns.size() == 1 ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY;
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), format, false);
        return implementor.result(physType, builder.toBlock());
    }
}
