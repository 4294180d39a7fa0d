package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static io.deltasql.jdbc.SqlTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain statements repeated on a connection reuse their plan, and a reused plan never shows stale
 * data or a stale shape: it reads the latest commit (or the transaction's staged view), and a table
 * dropped and created again with other columns is planned afresh.
 */
class PlanCacheTest {
    @TempDir
    Path dir;

    /** hits, misses, evictions and size of this connection's plan cache, from {@code sys.cache}. */
    private static List<Object> planCache(Statement s) throws SQLException {
        return rows(s, "SELECT hits, misses, evictions, size FROM sys.cache WHERE name = 'query_plans'")
                .get(0);
    }

    private static long hits(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return ((Number) planCache(s).get(0)).longValue();
        }
    }

    @Test
    void repeatedStatementsReuseTheirPlanAndSeeEveryCommit() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement();
                Connection other = SqlTesting.connect(cat);
                Statement o = other.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            String query = "SELECT count(*) FROM \"t$files\" WHERE region = 'eu'";
            assertThat(column(s, query)).containsExactly(0L);
            long before = hits(c);
            o.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu'), ('b', 1, 'us')");
            assertThat(column(s, query))
                    .as("a reused plan reads the latest version")
                    .containsExactly(1L);
            assertThat(hits(c))
                    .as("the query's plan, and the sys.cache query's own")
                    .isEqualTo(before + 2);

            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('c', 1, 'eu')");
            assertThat(column(s, query))
                    .as("and the transaction's staged files")
                    .containsExactly(2L);
            c.rollback();
            c.setAutoCommit(true);
            assertThat(column(s, query)).containsExactly(1L);

            // The plan cache belongs to the connection: another connection plans its own.
            long otherHits = hits(other);
            assertThat(column(o, query)).containsExactly(1L);
            assertThat(hits(other)).as("only the sys.cache query's own plan").isEqualTo(otherHits + 1);
        }
    }

    @Test
    void aTableCreatedAgainWithOtherColumnsIsPlannedAfresh() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t1"), true);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu')");
            String all = "SELECT * FROM \"t$files\"";
            assertThat(columnNames(s, all)).contains("region");
            assertThat(columnNames(s, all)).contains("region");

            s.executeUpdate("DELETE FROM delta.tables WHERE name = 't'");
            assertThatThrownBy(() -> s.executeQuery(all))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            SqlTesting.createTable(s, "t", dir.resolve("t2"), false);
            assertThat(columnNames(s, all)).as("unpartitioned now").doesNotContain("region");
            assertThat(rows(s, all)).isEmpty();
            assertThat(((Number) planCache(s).get(2)).longValue())
                    .as("the stale plan was dropped")
                    .isPositive();
        }
    }

    @Test
    void aPlanDependsOnlyOnTheTablesItNames() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "named", dir.resolve("named"), false);
            SqlTesting.createTable(s, "other", dir.resolve("other1"), false);
            String query = "SELECT count(*) FROM \"named$files\"";
            String metadata = "SELECT version FROM delta.tables WHERE name = 'named'";
            column(s, query);
            column(s, metadata);
            s.executeUpdate("DELETE FROM delta.tables WHERE name = 'other'");
            SqlTesting.createTable(s, "other", dir.resolve("other2"), true);
            long before = hits(c);
            assertThat(column(s, query)).containsExactly(0L);
            assertThat(column(s, metadata)).containsExactly(0L);
            assertThat(hits(c))
                    .as("both plans reused although another table was created again")
                    .isEqualTo(before + 3);
        }
    }

    @Test
    void eachExecutionOfARepeatedQuerySeesCommitsOfOtherProcesses() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            String count = "SELECT count(*) FROM \"t$files\" WHERE region = 'eu'";
            String version = "SELECT version FROM delta.tables WHERE name = 't'";
            // Another process: its own catalog object, pool and snapshot cache over the same database.
            try (DeltaCatalog elsewhere = cat.open()) {
                for (long v = 1; v <= 3; v++) {
                    elsewhere.commit(CommitRequest.builder("t", v - 1)
                            .add(Fixtures.add("f" + v, "eu"))
                            .build());
                    assertThat(column(s, count)).containsExactly(v);
                    assertThat(column(s, version)).containsExactly(v);
                }
                try (Statement first = c.createStatement();
                        ResultSet open = first.executeQuery("SELECT path FROM \"t$files\"")) {
                    elsewhere.commit(CommitRequest.builder("t", 3)
                            .add(Fixtures.add("f4", "eu"))
                            .build());
                    assertThat(column(s, count))
                            .as("while an earlier result is still open")
                            .containsExactly(4L);
                    try (PreparedStatement prepared = c.prepareStatement(count)) {
                        elsewhere.commit(CommitRequest.builder("t", 4)
                                .add(Fixtures.add("f5", "eu"))
                                .build());
                        assertThat(rows(prepared.executeQuery())).containsExactly(List.of(5L));
                        elsewhere.commit(CommitRequest.builder("t", 5)
                                .add(Fixtures.add("f6", "eu"))
                                .build());
                        assertThat(rows(prepared.executeQuery())).containsExactly(List.of(6L));
                    }
                    assertThat(rows(open))
                            .as("the open result keeps the version its execution read")
                            .hasSize(3);
                }
            }
        }
    }

    @Test
    void aReusedPlanFollowsASchemaChangeCommittedByAnotherProcess() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu')");
            String all = "SELECT * FROM \"t$files\"";
            String byRegion = "SELECT path, region FROM \"t$files\" WHERE region = 'eu'";
            String schema = "SELECT column_name FROM \"t$schema\" ORDER BY ordinal_position";
            assertThat(columnNames(s, all)).endsWith("region");
            assertThat(rows(s, byRegion)).containsExactly(List.of("a", "eu"));
            assertThat(column(s, schema)).containsExactly("id", "region", "value");
            try (DeltaCatalog elsewhere = cat.open()) {
                Snapshot before = elsewhere.snapshot("t");
                Metadata m = before.metadata();
                String withDay = m.schemaString()
                        .replace(
                                "]}", ",{\"name\":\"day\",\"type\":\"date\",\"nullable\":true," + "\"metadata\":{}}]}");
                elsewhere.commit(CommitRequest.builder("t", before.version())
                        .operation("REPLACE TABLE")
                        .add(new Metadata(
                                m.id(),
                                m.name(),
                                m.description(),
                                m.format(),
                                withDay,
                                List.of("day"),
                                m.configuration(),
                                m.createdTime(),
                                Map.of()))
                        .add(Fixtures.remove("a"))
                        .build());
            }
            long stale = ((Number) planCache(s).get(2)).longValue();
            assertThat(columnNames(s, all))
                    .as("planned again: partitioned by day now")
                    .endsWith("day")
                    .doesNotContain("region");
            assertThat(rows(s, all)).isEmpty();
            assertThat(column(s, schema)).containsExactly("id", "region", "value", "day");
            assertThatThrownBy(() -> s.executeQuery(byRegion))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
            assertThat(((Number) planCache(s).get(2)).longValue())
                    .as("stale plans dropped")
                    .isGreaterThan(stale);
        }
    }

    @Test
    void timeTravelByTimestampAndTablesCreatedInTheTransactionAreNotReused() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), false);
            String future = "SELECT count(*) FROM TABLE(delta.files_as_of('t', TIMESTAMP '2999-01-01 00:00:00'))";
            assertThat(column(s, future)).containsExactly(0L);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('a', 1)");
            assertThat(column(s, future))
                    .as("as of a future time: the latest version, now 1")
                    .containsExactly(1L);

            c.setAutoCommit(false);
            SqlTesting.createTable(s, "fresh", dir.resolve("fresh"), false);
            s.executeUpdate("INSERT INTO \"fresh$files\"(path, size) VALUES ('x', 1)");
            assertThat(column(s, "SELECT count(*) FROM \"fresh$files\"")).containsExactly(1L);
            c.rollback();
            assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM \"fresh$files\""))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void parametersOfAReusedPlanNarrowEachExecutionByItsOwnValues() throws Exception {
        // cacheMaxFiles=1: the table is too large to cache, so the scan narrows its catalog query
        // itself with the bound parameter; a wrongly bound value would lose rows for good.
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = DriverManager.getConnection(SqlTesting.url(cat) + "?cacheMaxFiles=1");
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate(
                    "INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu'), ('b', 2, 'us'), ('c', 3, 'eu')");
            try (PreparedStatement byRegion =
                            c.prepareStatement("SELECT path FROM \"t$files\" WHERE region = ? ORDER BY path");
                    PreparedStatement byPathAndSize =
                            c.prepareStatement("SELECT path FROM \"t$files\" WHERE path = ? AND size = ?")) {
                byRegion.setString(1, "eu");
                assertThat(SqlTesting.rows(byRegion.executeQuery())).containsExactly(List.of("a"), List.of("c"));
                byRegion.setString(1, "us");
                assertThat(SqlTesting.rows(byRegion.executeQuery())).containsExactly(List.of("b"));
                byRegion.setString(1, "none");
                assertThat(SqlTesting.rows(byRegion.executeQuery())).isEmpty();
                byPathAndSize.setString(1, "b");
                byPathAndSize.setLong(2, 2);
                assertThat(SqlTesting.rows(byPathAndSize.executeQuery())).containsExactly(List.of("b"));
                byPathAndSize.setLong(2, 3);
                assertThat(SqlTesting.rows(byPathAndSize.executeQuery())).isEmpty();
            }
        }
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
}
