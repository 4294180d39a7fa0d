package io.deltasql.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * A prepared statement's parameters, bound per execution, narrow a scan exactly as literals do:
 * the filters the scan reads afterwards name the values, not casts of them.
 */
class BoundParametersTest {
    private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    private final RexBuilder rex = new RexBuilder(types);

    private RexNode equalsParam(int column, SqlTypeName type, int param) {
        RelDataType t = types.createTypeWithNullability(types.createSqlType(type), true);
        return rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeInputRef(t, column), rex.makeDynamicParam(t, param));
    }

    @Test
    void stringsIntegersAndBooleansBecomeTheValuesTheScanNarrowsBy() {
        List<RexNode> filters = List.of(
                equalsParam(9, SqlTypeName.VARCHAR, 0),
                equalsParam(1, SqlTypeName.BIGINT, 1),
                equalsParam(3, SqlTypeName.BOOLEAN, 2));
        List<RexNode> bound =
                BoundParameters.bind(filters, DataContexts.of(Map.of("?0", "eu-ü€", "?1", 42, "?2", true)));
        assertThat(Filters.points(bound, 9)).contains(Set.of("eu-ü€"));
        assertThat(Filters.points(bound, 1)).contains(Set.of(42L));
        assertThat(Filters.points(bound, 3)).contains(Set.of(true));
    }

    @Test
    void anInListOfParametersNarrowsToEveryValue() {
        RexNode in = rex.makeCall(
                SqlStdOperatorTable.OR, equalsParam(9, SqlTypeName.VARCHAR, 0), equalsParam(9, SqlTypeName.VARCHAR, 1));
        List<RexNode> bound = BoundParameters.bind(List.of(in), DataContexts.of(Map.of("?0", "eu", "?1", "us")));
        assertThat(Filters.points(bound, 9)).contains(Set.of("eu", "us"));
    }

    @Test
    void otherValuesStayParametersAndDoNotNarrow() {
        List<RexNode> bound = BoundParameters.bind(
                List.of(equalsParam(4, SqlTypeName.DOUBLE, 0)), DataContexts.of(Map.of("?0", 1.5)));
        assertThat(Filters.points(bound, 4)).isEqualTo(Optional.empty());
    }
}
