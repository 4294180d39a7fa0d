package io.deltasql.calcite;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Reads the conditions Calcite passes to a scan: which values a column is restricted to
 * ({@code =}, {@code IN}, {@code IS NULL}, {@code OR} of those) and which range a numeric column
 * lies in. Values are returned as Calcite represents them at run time (String, Long, BigDecimal,
 * days for DATE, milliseconds for TIMESTAMP).
 */
final class Filters {
    private Filters() {}

    /** The finite set of values (null meaning SQL NULL) the conjunction of {@code filters} allows for {@code column}, if it restricts it so. */
    static Optional<Set<Object>> points(List<RexNode> filters, int column) {
        Set<Object> allowed = null;
        for (RexNode f : filters) {
            Optional<Set<Object>> p = points(f, column);
            if (p.isPresent()) {
                if (allowed == null) {
                    allowed = new HashSet<>(p.get());
                } else {
                    allowed.retainAll(p.get());
                }
            }
        }
        return Optional.ofNullable(allowed);
    }

    private static Optional<Set<Object>> points(RexNode filter, int column) {
        if (!(filter instanceof RexCall call)) {
            return Optional.empty();
        }
        switch (call.getKind()) {
            case AND -> {
                return points(call.getOperands(), column);
            }
            case EQUALS -> {
                RexNode a = call.getOperands().get(0);
                RexNode b = call.getOperands().get(1);
                if (isColumn(a, column) && b instanceof RexLiteral lit) {
                    return Optional.of(singleton(value(lit)));
                }
                if (isColumn(b, column) && a instanceof RexLiteral lit) {
                    return Optional.of(singleton(value(lit)));
                }
                return Optional.empty();
            }
            case IS_NULL -> {
                return isColumn(call.getOperands().get(0), column) ? Optional.of(singleton(null)) : Optional.empty();
            }
            case SEARCH -> {
                if (!isColumn(call.getOperands().get(0), column)
                        || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
                    return Optional.empty();
                }
                Sarg<?> sarg = lit.getValueAs(Sarg.class);
                if (sarg == null || !sarg.isPoints()) {
                    return Optional.empty();
                }
                Set<Object> values = new HashSet<>();
                for (Range<?> r : sarg.rangeSet.asRanges()) {
                    values.add(runtimeValue(r.lowerEndpoint()));
                }
                if (sarg.nullAs == RexUnknownAs.TRUE) {
                    values.add(null);
                }
                return Optional.of(values);
            }
            case OR -> {
                Set<Object> values = new HashSet<>();
                for (RexNode operand : call.getOperands()) {
                    Optional<Set<Object>> p = points(operand, column);
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    values.addAll(p.get());
                }
                return Optional.of(values);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Inclusive bounds [low, high] the filters put on a whole-number column ({@code Long.MIN_VALUE}/{@code MAX_VALUE} when open). */
    static long[] range(List<RexNode> filters, int column) {
        long[] bounds = {Long.MIN_VALUE, Long.MAX_VALUE};
        for (RexNode f : filters) {
            narrow(f, column, bounds);
        }
        return bounds;
    }

    private static void narrow(RexNode filter, int column, long[] bounds) {
        if (!(filter instanceof RexCall call)) {
            return;
        }
        SqlKind kind = call.getKind();
        if (kind == SqlKind.AND) {
            call.getOperands().forEach(operand -> narrow(operand, column, bounds));
            return;
        }
        if (kind == SqlKind.SEARCH
                && isColumn(call.getOperands().get(0), column)
                && call.getOperands().get(1) instanceof RexLiteral lit) {
            Sarg<?> sarg = lit.getValueAs(Sarg.class);
            if (sarg == null || sarg.rangeSet.isEmpty()) {
                return;
            }
            Range<?> span = sarg.rangeSet.span();
            if (span.hasLowerBound()) {
                long lo = asLong(span.lowerEndpoint());
                bounds[0] = Math.max(bounds[0], span.lowerBoundType() == BoundType.OPEN ? lo + 1 : lo);
            }
            if (span.hasUpperBound()) {
                long hi = asLong(span.upperEndpoint());
                bounds[1] = Math.min(bounds[1], span.upperBoundType() == BoundType.OPEN ? hi - 1 : hi);
            }
            return;
        }
        if (call.getOperands().size() != 2) {
            return;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        boolean flipped;
        RexLiteral lit;
        if (isColumn(a, column) && b instanceof RexLiteral l) {
            flipped = false;
            lit = l;
        } else if (isColumn(b, column) && a instanceof RexLiteral l) {
            flipped = true;
            lit = l;
        } else {
            return;
        }
        Object v = value(lit);
        if (!(v instanceof Number n)) {
            return;
        }
        long x = n.longValue();
        SqlKind k = flipped ? kind.reverse() : kind;
        switch (k) {
            case EQUALS -> {
                bounds[0] = Math.max(bounds[0], x);
                bounds[1] = Math.min(bounds[1], x);
            }
            case GREATER_THAN -> bounds[0] = Math.max(bounds[0], x + 1);
            case GREATER_THAN_OR_EQUAL -> bounds[0] = Math.max(bounds[0], x);
            case LESS_THAN -> bounds[1] = Math.min(bounds[1], x - 1);
            case LESS_THAN_OR_EQUAL -> bounds[1] = Math.min(bounds[1], x);
            default -> {}
        }
    }

    private static long asLong(Object endpoint) {
        Object v = runtimeValue(endpoint);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static boolean isColumn(RexNode node, int column) {
        return node instanceof RexInputRef ref && ref.getIndex() == column;
    }

    private static Set<Object> singleton(Object value) {
        Set<Object> s = new HashSet<>();
        s.add(value);
        return s;
    }

    /** A literal's value as Calcite holds it at run time. */
    static Object value(RexLiteral lit) {
        if (lit.isNull()) {
            return null;
        }
        return switch (lit.getType().getSqlTypeName()) {
            case CHAR, VARCHAR -> lit.getValueAs(String.class);
            case BIGINT, INTEGER, SMALLINT, TINYINT -> lit.getValueAs(Long.class);
            case DECIMAL -> lit.getValueAs(BigDecimal.class);
            case DOUBLE, FLOAT, REAL -> lit.getValueAs(Double.class);
            case BOOLEAN -> lit.getValueAs(Boolean.class);
            case DATE -> lit.getValueAs(Integer.class);
            case TIMESTAMP -> lit.getValueAs(Long.class);
            default -> lit.getValue2();
        };
    }

    private static Object runtimeValue(Object sargPoint) {
        if (sargPoint instanceof NlsString s) {
            return s.getValue();
        }
        if (sargPoint instanceof DateString d) {
            return d.getDaysSinceEpoch();
        }
        if (sargPoint instanceof TimestampString t) {
            return t.getMillisSinceEpoch();
        }
        return sargPoint;
    }
}
