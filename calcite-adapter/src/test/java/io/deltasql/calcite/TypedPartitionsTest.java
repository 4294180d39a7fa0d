package io.deltasql.calcite;

import static io.deltasql.calcite.SqlTesting.column;
import static io.deltasql.calcite.SqlTesting.plan;
import static io.deltasql.calcite.SqlTesting.rows;
import static io.deltasql.calcite.SqlTesting.sqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partition columns typed from the Delta schema: values, filters (pushed down or not), inserts and the EXPLAIN plan. */
class TypedPartitionsTest {
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"dt\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"bucket\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"size\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"amount\",\"type\":\"decimal(10,2)\",\"nullable\":true,\"metadata\":{}}]}";

    @TempDir
    Path dir;

    @Test
    void typedColumnsFiltersAndInserts() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('typed', '"
                            + dir.resolve("typed") + "', '" + SCHEMA + "', 'dt, bucket, size, amount')");
            s.executeUpdate("INSERT INTO \"typed$files\"(path, size, dt, bucket, partition_size, amount) VALUES"
                    + " ('a', 1, DATE '2026-01-01', 1, 'S', 1.50),"
                    + " ('b', 2, DATE '2026-01-02', 2, 'M', 2.00)");
            s.executeUpdate("INSERT INTO \"typed$files\"(path, size, partition_values) VALUES"
                    + " ('c', 3, '{\"dt\":\"2026-01-02\",\"bucket\":\"3\",\"size\":null,\"amount\":null}')");

            try (ResultSet rs =
                    s.executeQuery("SELECT dt, bucket, partition_size, amount FROM \"typed$files\" WHERE path = 'a'")) {
                assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.DATE);
                assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.INTEGER);
                assertThat(rs.getMetaData().getColumnType(4)).isEqualTo(Types.DECIMAL);
                rs.next();
                assertThat(rs.getDate(1)).isEqualTo(Date.valueOf("2026-01-01"));
                assertThat(rs.getInt(2)).isEqualTo(1);
                assertThat(rs.getString(3)).isEqualTo("S");
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("1.50");
            }
            assertThat(column(s, "SELECT partition_values FROM \"typed$files\" WHERE path = 'b'"))
                    .containsExactly("{\"dt\":\"2026-01-02\",\"bucket\":\"2\",\"size\":\"M\",\"amount\":\"2.00\"}");
            assertThat(column(s, "SELECT path FROM \"typed$files\" WHERE dt = DATE '2026-01-02' ORDER BY path"))
                    .containsExactly("b", "c");
            assertThat(column(s, "SELECT path FROM \"typed$files\" WHERE bucket IN (1, 3) ORDER BY path"))
                    .containsExactly("a", "c");
            assertThat(column(s, "SELECT path FROM \"typed$files\" WHERE partition_size IS NULL"))
                    .containsExactly("c");
            assertThat(column(s, "SELECT path FROM \"typed$files\" WHERE amount = 2"))
                    .containsExactly("b");
            assertThat(column(s, "SELECT path FROM \"typed$files\" WHERE bucket > 1 ORDER BY path"))
                    .containsExactly("b", "c");
            assertThat(rows(s, "SELECT dt, count(*) FROM \"typed$partitions\" GROUP BY dt ORDER BY dt"))
                    .containsExactly(
                            Arrays.asList(Date.valueOf("2026-01-01"), 1L),
                            Arrays.asList(Date.valueOf("2026-01-02"), 2L));

            // The filter reaches the table scan, which narrows the catalog query with it.
            assertThat(plan(s, "SELECT path FROM \"typed$files\" WHERE dt = DATE '2026-01-02'"))
                    .isEqualTo(
                            "EnumerableCalc(expr#0..1=[{inputs}], expr#2=[2026-01-02], expr#3=[=($t1, $t2)], path=[$t0], $condition=[$t3])\n"
                                    + "  DeltaTableScan(table=[[delta, typed$files]], filters=[[=($10, 2026-01-02)]], columns=[[0, 10]])\n");

            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO \"typed$files\"(path, size, partition_values) VALUES"
                            + " ('d', 1, '{\"dt\":\"not a date\",\"bucket\":\"1\",\"size\":\"S\",\"amount\":\"1\"}')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("dt")
                    .hasMessageContaining("not a date")
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("22023"));
            assertThat(column(s, "SELECT count(*) FROM \"typed$files\"")).containsExactly(3L);
        }
    }

    @Test
    void schemaOfATableWithNestedTypes() throws Exception {
        String nested =
                "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{\"comment\":\"key\"}},"
                        + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true},\"nullable\":true,\"metadata\":{}}]}";
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('n', '" + dir.resolve("n")
                    + "', '" + nested + "')");
            assertThat(rows(s, "SELECT column_name, data_type, metadata FROM \"n$schema\" ORDER BY ordinal_position"))
                    .containsExactly(
                            List.of("id", "long", "{\"comment\":\"key\"}"),
                            Arrays.asList(
                                    "tags",
                                    "{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true}",
                                    null));
        }
    }
}
