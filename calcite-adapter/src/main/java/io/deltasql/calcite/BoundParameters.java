package io.deltasql.calcite;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * A scan's filters with each {@code ?} parameter replaced by its value in this execution, so a
 * prepared statement's {@code WHERE region = ?} narrows the catalog read as the literal would. Only
 * strings, integers and booleans are bound (their run-time values are unambiguous); any other
 * parameter stays, and the scan simply does not narrow by it. Values become plain literals, never
 * casts: {@link Filters} reads literals only.
 */
final class BoundParameters {
    /** Literals need a type factory only for their own types; one serves every execution. */
    private static final RexBuilder LITERALS = new RexBuilder(new JavaTypeFactoryImpl());

    private BoundParameters() {}

    static List<RexNode> bind(List<RexNode> filters, DataContext root) {
        if (filters.isEmpty()) {
            return filters;
        }
        RexBuilder rexBuilder = LITERALS;
        RexShuttle binder = new RexShuttle() {
            @Override
            public RexNode visitDynamicParam(RexDynamicParam param) {
                RexNode literal = literal(rexBuilder, root.get("?" + param.getIndex()), param.getType());
                return literal == null ? param : literal;
            }
        };
        return filters.stream().map(f -> f.accept(binder)).toList();
    }

    private static RexNode literal(RexBuilder rexBuilder, Object value, RelDataType type) {
        SqlTypeFamily family = type.getSqlTypeName().getFamily();
        if (value instanceof String s && family == SqlTypeFamily.CHARACTER) {
            return rexBuilder.makeLiteral(s);
        }
        if ((value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)
                && family == SqlTypeFamily.NUMERIC
                && type.getScale() <= 0) {
            return rexBuilder.makeExactLiteral(BigDecimal.valueOf(((Number) value).longValue()), type);
        }
        if (value instanceof Boolean b && family == SqlTypeFamily.BOOLEAN) {
            return rexBuilder.makeLiteral(b);
        }
        return null;
    }
}
