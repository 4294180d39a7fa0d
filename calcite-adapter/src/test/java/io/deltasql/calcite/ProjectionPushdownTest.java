package io.deltasql.calcite;

import static io.deltasql.calcite.SqlTesting.plan;
import static io.deltasql.calcite.SqlTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Virtual table scans compute only the columns a query uses: every column alone, all of them in
 * another order, and columns next to filters on other columns give exactly the values of
 * {@code SELECT *}, on a fresh plan and on the reused one; the whole plan shows the narrowed scan.
 */
class ProjectionPushdownTest {
    /** Relations over the fixture table; sys tables are left out as their counters move between queries. */
    private static final List<String> RELATIONS = List.of(
            "delta.tables",
            "\"events$files\"",
            "\"events$history\"",
            "\"events$log\"",
            "\"events$changes\"",
            "\"events$partitions\"",
            "\"events$schema\"",
            "\"events$properties\"",
            "TABLE(delta.files('events', 2))");

    @TempDir
    Path dir;

    /** Files with stats, tags and partition values in two partitions, a removed file, a property. */
    private void fixture(Statement s) throws SQLException {
        SqlTesting.createTable(s, "events", dir.resolve("events"), true);
        s.executeUpdate("INSERT INTO \"events$files\"(path, size, region, stats, tags) VALUES"
                + " ('a.parquet', 100, 'eu', '{\"numRecords\":10}', '{\"origin\":\"spark\"}'),"
                + " ('b.parquet', 200, 'us', '{\"numRecords\":20,\"minValues\":{\"id\":1}}', NULL)");
        s.executeUpdate(
                "INSERT INTO \"events$files\"(path, size, partition_values, modification_time, data_change)"
                        + " VALUES ('c.parquet', 300, '{\"region\":\"eu\"}', 1700000000000, false), ('d.parquet', 400, '{\"region\":null}', 1, true)");
        s.executeUpdate("DELETE FROM \"events$files\" WHERE path = 'b.parquet'");
        s.executeUpdate(
                "INSERT INTO \"events$properties\"(property_key, property_value) VALUES ('owner', 'data-team')");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void everyColumnAloneAndReorderedEqualsSelectStar(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            fixture(s);
            for (String relation : RELATIONS) {
                List<String> names = columnNames(s, "SELECT * FROM " + relation);
                List<List<Object>> all = rows(s, "SELECT * FROM " + relation);
                assertThat(all).as(relation).isNotEmpty();
                for (int i = 0; i < names.size(); i++) {
                    int column = i;
                    String sql = "SELECT " + quoted(names.get(i)) + " FROM " + relation;
                    List<List<Object>> expected = all.stream()
                            .map(r -> List.of(r.get(column) == null ? NULL : r.get(column)))
                            .toList();
                    for (int run = 0; run < 2; run++) { // planned, then the reused plan
                        assertThat(nullsMarked(rows(s, sql))).as(sql).isEqualTo(expected);
                    }
                }
                List<String> reversed = new ArrayList<>(names);
                Collections.reverse(reversed);
                String sql = "SELECT "
                        + String.join(
                                ", ",
                                reversed.stream()
                                        .map(ProjectionPushdownTest::quoted)
                                        .toList()) + " FROM " + relation;
                List<List<Object>> expected = all.stream()
                        .map(r -> {
                            List<Object> copy = new ArrayList<>(r);
                            Collections.reverse(copy);
                            return copy;
                        })
                        .toList();
                assertThat(rows(s, sql)).as(sql).isEqualTo(expected);
                assertThat(rows(s, "SELECT count(*) FROM " + relation))
                        .as(relation)
                        .containsExactly(List.of((long) all.size()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void filtersOnColumnsNotSelected(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            fixture(s);
            List<List<Object>> all = rows(s, "SELECT path, size, region, num_records, tags FROM \"events$files\"");
            assertThat(rows(s, "SELECT size FROM \"events$files\" WHERE region = 'eu'"))
                    .isEqualTo(pick(all, r -> "eu".equals(r.get(2)), 1));
            assertThat(rows(s, "SELECT tags, path FROM \"events$files\" WHERE region IS NULL"))
                    .isEqualTo(pick(all, r -> r.get(2) == null, 4, 0));
            assertThat(rows(s, "SELECT num_records FROM \"events$files\" WHERE path IN ('a.parquet', 'c.parquet')"))
                    .isEqualTo(pick(
                            all, r -> r.get(0).equals("a.parquet") || r.get(0).equals("c.parquet"), 3));
            // One column under a sort or a distinct: a one-field row is handed up as its bare value.
            assertThat(rows(s, "SELECT path FROM \"events$files\" ORDER BY path DESC"))
                    .isEqualTo(pick(all, r -> true, 0).stream()
                            .sorted((x, y) ->
                                    y.get(0).toString().compareTo(x.get(0).toString()))
                            .toList());
            assertThat(rows(s, "SELECT DISTINCT region FROM \"events$files\" WHERE region IS NOT NULL ORDER BY region"))
                    .containsExactly(List.of("eu"));
            assertThat(rows(s, "SELECT size * 2, upper(path) FROM \"events$files\" WHERE size > 150"))
                    .isEqualTo(all.stream()
                            .filter(r -> (Long) r.get(1) > 150)
                            .map(r -> List.<Object>of(
                                    (Long) r.get(1) * 2, r.get(0).toString().toUpperCase()))
                            .toList());
            assertThat(
                            rows(
                                    s,
                                    "SELECT region, count(*), sum(size) FROM \"events$files\" GROUP BY region ORDER BY region NULLS FIRST"))
                    .containsExactly(Arrays.asList(null, 1L, 400L), List.of("eu", 2L, 400L));
            assertThat(rows(
                            s,
                            "SELECT f.path, t.version FROM \"events$files\" f JOIN delta.tables t ON t.name = 'events'"
                                    + " WHERE f.region = 'eu' ORDER BY f.path"))
                    .containsExactly(List.of("a.parquet", 4L), List.of("c.parquet", 4L));
            // A prepared statement's parameter filters a column it does not select.
            try (var ps = c.prepareStatement("SELECT path FROM \"events$files\" WHERE region = ?")) {
                ps.setString(1, "eu");
                assertThat(rows(ps.executeQuery())).isEqualTo(pick(all, r -> "eu".equals(r.get(2)), 0));
            }
        }
    }

    @Test
    void thePlanScansOnlyTheColumnsUsed() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            fixture(s);
            // path is column 0, size 1, region 10 (after the ten fixed columns).
            assertThat(plan(s, "SELECT path, size FROM \"events$files\" WHERE region = 'eu'"))
                    .isEqualTo(
                            "EnumerableCalc(expr#0..2=[{inputs}], expr#3=['eu':VARCHAR], expr#4=[=($t2, $t3)], proj#0..1=[{exprs}],"
                                    + " $condition=[$t4])\n"
                                    + "  DeltaTableScan(table=[[delta, events$files]], filters=[[=($10, 'eu')]], columns=[[0, 1, 10]])\n");
            assertThat(plan(s, "SELECT path, size FROM \"events$files\""))
                    .isEqualTo("DeltaTableScan(table=[[delta, events$files]], columns=[[0, 1]])\n");
            assertThat(plan(s, "SELECT count(*) FROM \"events$files\""))
                    .isEqualTo("EnumerableAggregate(group=[{}], EXPR$0=[COUNT()])\n"
                            + "  DeltaTableScan(table=[[delta, events$files]], columns=[[0]])\n");
            // Every column: the scan is not narrowed.
            assertThat(plan(s, "SELECT * FROM \"events$files\""))
                    .isEqualTo("EnumerableCalc(expr#0..10=[{inputs}], proj#0..10=[{exprs}])\n"
                            + "  DeltaTableScan(table=[[delta, events$files]])\n");
            assertThat(plan(s, "SELECT version, schema_string FROM delta.tables WHERE name = 'events'"))
                    .isEqualTo(
                            "EnumerableCalc(expr#0..2=[{inputs}], expr#3=['events':VARCHAR], expr#4=[=($t0, $t3)], version=[$t1],"
                                    + " schema_string=[$t2], $condition=[$t4])\n"
                                    + "  DeltaTableScan(table=[[delta, tables]], filters=[[=($0, 'events')]], columns=[[0, 2, 7]])\n");
        }
    }

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    /** Rows with null values replaced by a marker, as List.of refuses nulls. */
    private static List<List<Object>> nullsMarked(List<List<Object>> rows) {
        return rows.stream()
                .map(r -> r.stream().map(v -> v == null ? NULL : v).toList())
                .toList();
    }

    private static List<List<Object>> pick(List<List<Object>> rows, Predicate<List<Object>> where, int... columns) {
        List<List<Object>> picked = new ArrayList<>();
        for (List<Object> r : rows) {
            if (where.test(r)) {
                List<Object> p = new ArrayList<>();
                for (int c : columns) {
                    p.add(r.get(c));
                }
                picked.add(p);
            }
        }
        return picked;
    }

    private static List<String> columnNames(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i));
            }
            return names;
        }
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
