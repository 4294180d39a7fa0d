package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static io.deltasql.jdbc.SqlTesting.count;
import static io.deltasql.jdbc.SqlTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.calcite.DeltaSession;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INSERT and DELETE sent again with the same text (plain statements, or a new PreparedStatement per
 * commit) reuse their plan, and a reused DML plan behaves as a fresh one: it commits against the
 * latest version, is refused on a read-only connection, and is planned afresh when its table is
 * created again with other columns.
 */
class DmlPlanReuseTest {
    private static final String PLAN_HITS = "SELECT hits FROM sys.cache WHERE name = 'query_plans'";

    @TempDir
    Path dir;

    @Test
    void aReusedDeletePlanDeletesWhatOthersCommittedSince() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement();
                Connection other = SqlTesting.connect(cat);
                Statement o = other.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            String delete = "DELETE FROM \"t$files\" WHERE region = 'eu'";
            o.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu'), ('b', 1, 'us')");
            assertThat(s.executeUpdate(delete)).isEqualTo(1);
            o.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('c', 1, 'eu'), ('d', 1, 'eu')");
            long hits = count(s, PLAN_HITS);

            assertThat(s.executeUpdate(delete))
                    .as("the files the other connection committed")
                    .isEqualTo(2);
            assertThat(count(s, PLAN_HITS))
                    .as("the DELETE's plan, and the sys.cache query's own")
                    .isEqualTo(hits + 2);
            assertThat(column(s, "SELECT path FROM \"t$files\"")).containsExactly("b");
            assertThat(count(s, "SELECT version FROM delta.tables WHERE name = 't'"))
                    .isEqualTo(4);
        }
    }

    @Test
    void aNewPreparedStatementPerCommitReusesThePlanWithItsOwnValues() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            String insert = "INSERT INTO \"t$files\"(path, size, region) VALUES (?, ?, 'eu')";
            insert(c, insert, "a", 1);
            long hits = count(s, PLAN_HITS);
            insert(c, insert, "b", 2);
            insert(c, insert, "c", 3);
            assertThat(count(s, PLAN_HITS))
                    .as("two reuses, and the first sys.cache query's")
                    .isEqualTo(hits + 3);
            assertThat(rows(s, "SELECT path, size, region FROM \"t$files\" ORDER BY path"))
                    .containsExactly(List.of("a", 1L, "eu"), List.of("b", 2L, "eu"), List.of("c", 3L, "eu"));
            assertThat(count(s, "SELECT version FROM delta.tables WHERE name = 't'"))
                    .isEqualTo(3);
        }
    }

    @Test
    void aReusedPlanIsRefusedOnceTheConnectionIsReadOnlyAndChangesNothing() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            Path location = dir.resolve("t");
            SqlTesting.createTable(s, "t", location, true);
            String delete = "DELETE FROM \"t$files\" WHERE region = 'eu'";
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu')");
            assertThat(s.executeUpdate(delete)).isEqualTo(1);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('b', 1, 'eu')");
            TreeMap<String, Long> log = SqlTesting.deltaLog(location);

            c.unwrap(DeltaSession.class).setReadOnly(true);
            assertThatThrownBy(() -> s.executeUpdate(delete))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> c.prepareStatement(delete))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            assertThat(column(s, "SELECT path FROM \"t$files\"")).containsExactly("b");
            assertThat(count(s, "SELECT version FROM delta.tables WHERE name = 't'"))
                    .isEqualTo(3);
            assertThat(SqlTesting.deltaLog(location)).isEqualTo(log);
        }
    }

    @Test
    void anInsertIntoATableCreatedAgainWithoutItsPartitionColumnIsPlannedAfresh() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t1"), true);
            String insert = "INSERT INTO \"t$files\"(path, size, region) VALUES (?, 1, 'eu')";
            insert(c, insert, "a", 1);
            insert(c, insert, "b", 1);

            s.executeUpdate("DELETE FROM delta.tables WHERE name = 't'");
            Path location = dir.resolve("t2");
            SqlTesting.createTable(s, "t", location, false);
            TreeMap<String, Long> log = SqlTesting.deltaLog(location);
            assertThatThrownBy(() -> insert(c, insert, "c", 1))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("region");
            assertThat(rows(s, "SELECT path FROM \"t$files\"")).isEmpty();
            assertThat(count(s, "SELECT version FROM delta.tables WHERE name = 't'"))
                    .isZero();
            assertThat(SqlTesting.deltaLog(location)).isEqualTo(log);
        }
    }

    private static void insert(Connection c, String sql, String path, long size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, path);
            if (sql.indexOf('?') != sql.lastIndexOf('?')) {
                ps.setLong(2, size);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
