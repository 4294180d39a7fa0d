package io.deltasql.calcite;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Literal rows (a VALUES list, or the values of a long IN list) handed to the generated code as
 * data: the rows are converted once to Java values and stashed in the statement's DataContext, so
 * the code only reads them. Calcite's own {@code EnumerableValues} writes every literal into the
 * generated class, and a few thousand rows exceed the 64 KB a Java method may hold.
 */
final class EnumerableLiteralRows extends Values implements EnumerableRel {
    /** The column types whose literals convert to the Java value the generated code expects. */
    private static final Set<SqlTypeName> SUPPORTED = Set.of(
            SqlTypeName.CHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.BOOLEAN,
            SqlTypeName.TINYINT,
            SqlTypeName.SMALLINT,
            SqlTypeName.INTEGER,
            SqlTypeName.BIGINT,
            SqlTypeName.DECIMAL,
            SqlTypeName.REAL,
            SqlTypeName.FLOAT,
            SqlTypeName.DOUBLE,
            SqlTypeName.DATE,
            SqlTypeName.TIME,
            SqlTypeName.TIMESTAMP,
            SqlTypeName.NULL);

    EnumerableLiteralRows(
            RelOptCluster cluster,
            RelDataType rowType,
            ImmutableList<ImmutableList<RexLiteral>> tuples,
            RelTraitSet traits) {
        super(cluster, rowType, tuples, traits);
    }

    /** Whether every column of {@code rowType} is of a type these rows can carry. */
    static boolean supports(RelDataType rowType) {
        return rowType.getFieldList().stream()
                .allMatch(f -> SUPPORTED.contains(f.getType().getSqlTypeName()));
    }

    static EnumerableLiteralRows create(
            RelOptCluster cluster, RelDataType rowType, ImmutableList<ImmutableList<RexLiteral>> tuples) {
        return new EnumerableLiteralRows(cluster, rowType, tuples, cluster.traitSetOf(EnumerableConvention.INSTANCE));
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EnumerableLiteralRows(getCluster(), getRowType(), tuples, traitSet);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        JavaTypeFactory types = implementor.getTypeFactory();
        // One column reads as the value itself (Calcite's scalar rows), more as Object[].
        PhysType physType = PhysTypeImpl.of(types, getRowType(), JavaRowFormat.ARRAY, true);
        boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
        List<RelDataTypeField> fields = getRowType().getFieldList();
        List<Object> rows = new ArrayList<>(tuples.size());
        for (List<RexLiteral> tuple : tuples) {
            Object[] row = new Object[fields.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = value(types, tuple.get(i), fields.get(i).getType());
            }
            rows.add(scalar ? row[0] : row);
        }
        BlockBuilder builder = new BlockBuilder();
        builder.add(Expressions.return_(null, implementor.stash(Linq4j.asEnumerable(rows), Enumerable.class)));
        return implementor.result(physType, builder.toBlock());
    }

    /** The literal as the Java value of its column's type (e.g. an Integer of days for a DATE). */
    private static Object value(JavaTypeFactory types, RexLiteral literal, RelDataType type) {
        if (literal.isNull()) {
            return null;
        }
        Class<?> javaClass = Primitive.box((Class<?>) types.getJavaClass(type));
        return literal.getValueAs(javaClass);
    }
}
