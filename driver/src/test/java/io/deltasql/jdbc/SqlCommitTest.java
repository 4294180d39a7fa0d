package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static io.deltasql.jdbc.SqlTesting.count;
import static io.deltasql.jdbc.SqlTesting.createTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Commits through SQL: autocommit statements, multi-table transactions, rollback, conflicts between connections. */
class SqlCommitTest {
    @TempDir
    Path dir;

    private long version(Statement s, String table) throws SQLException {
        return count(s, "SELECT version FROM delta.tables WHERE name = '" + table + "'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void eachAutocommitStatementIsOneCommit(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            assertThat(c.getAutoCommit()).isTrue();
            createTable(s, "t", dir.resolve("t"), true);
            assertThat(
                            s.executeUpdate(
                                    "INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu'), ('b', 2, 'eu'), ('c', 3, 'us')"))
                    .isEqualTo(3);
            assertThat(version(s, "t")).isEqualTo(1);
            assertThat(s.executeUpdate("DELETE FROM \"t$files\" WHERE region = 'eu'"))
                    .isEqualTo(2);
            assertThat(version(s, "t")).isEqualTo(2);
            assertThat(s.executeUpdate("DELETE FROM \"t$files\" WHERE region = 'nowhere'"))
                    .isZero();
            assertThat(version(s, "t"))
                    .as("a statement that changes nothing commits nothing")
                    .isEqualTo(2);
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO \"t$files\"(path, size, region) VALUES (?, ?, ?)")) {
                ps.setString(1, "d");
                ps.setLong(2, 4);
                ps.setString(3, "us");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT path FROM \"t$files\" WHERE region = ? ORDER BY path")) {
                ps.setString(1, "us");
                assertThat(SqlTesting.rows(ps.executeQuery())).containsExactly(List.of("c"), List.of("d"));
            }
            assertThat(version(s, "t")).isEqualTo(3);
            assertThat(SqlTesting.deltaLog(dir.resolve("t"))).containsKey("00000000000000000003.json");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void transactionOverSeveralTablesIsOneAtomicCommit(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Connection other = SqlTesting.connect(cat);
                Statement s = c.createStatement();
                Statement o = other.createStatement()) {
            createTable(s, "a", dir.resolve("a"), false);
            createTable(s, "b", dir.resolve("b"), true);
            s.executeUpdate("INSERT INTO \"a$files\"(path, size) VALUES ('old', 1)");

            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO \"a$files\"(path, size) VALUES ('a1', 10)");
            s.executeUpdate("DELETE FROM \"a$files\" WHERE path = 'old'");
            s.executeUpdate("INSERT INTO \"b$files\"(path, size, region) VALUES ('b1', 20, 'eu'), ('b2', 30, 'us')");
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('c', '" + dir.resolve("c")
                    + "', '" + Fixtures.SCHEMA + "')");
            s.executeUpdate("INSERT INTO \"c$files\"(path, size) VALUES ('c1', 5)");

            // The transaction reads its own staged work; others see nothing of it.
            assertThat(column(s, "SELECT path FROM \"a$files\"")).containsExactly("a1");
            assertThat(count(s, "SELECT count(*) FROM \"b$files\" WHERE region = 'eu'"))
                    .isEqualTo(1);
            assertThat(column(s, "SELECT name FROM delta.tables ORDER BY name")).containsExactly("a", "b", "c");
            assertThat(column(s, "SELECT path FROM \"c$files\"")).containsExactly("c1");
            assertThat(column(o, "SELECT path FROM \"a$files\"")).containsExactly("old");
            assertThat(column(o, "SELECT name FROM delta.tables ORDER BY name")).containsExactly("a", "b");

            c.commit();
            assertThat(column(o, "SELECT path FROM \"a$files\"")).containsExactly("a1");
            assertThat(column(o, "SELECT path FROM \"b$files\" ORDER BY path")).containsExactly("b1", "b2");
            assertThat(version(o, "a")).isEqualTo(2);
            assertThat(version(o, "b")).isEqualTo(1);
            assertThat(version(o, "c"))
                    .as("created with its files in version 0")
                    .isZero();
            assertThat(column(o, "SELECT path FROM \"c$files\"")).containsExactly("c1");
            assertThat(column(o, "SELECT operation FROM \"a$history\" WHERE version = 2"))
                    .containsExactly("WRITE, DELETE");
            assertThat(column(o, "SELECT \"timestamp\" FROM \"a$history\" WHERE version = 2"))
                    .isEqualTo(column(o, "SELECT \"timestamp\" FROM \"b$history\" WHERE version = 1"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void rollbackDiscardsEverything(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "a", dir.resolve("a"), false);
            String before = CatalogDump.of(cat.jdbcUrl());
            Map<String, Long> logBefore = SqlTesting.deltaLog(dir.resolve("a"));
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO \"a$files\"(path, size) VALUES ('x', 1)");
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('never', '"
                    + dir.resolve("never") + "', '" + Fixtures.SCHEMA + "')");
            c.rollback();
            assertThat(column(s, "SELECT path FROM \"a$files\"")).isEmpty();
            assertThat(column(s, "SELECT name FROM delta.tables")).containsExactly("a");
            c.setAutoCommit(true);
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
            assertThat(SqlTesting.deltaLog(dir.resolve("a"))).isEqualTo(logBefore);
            assertThat(dir.resolve("never")).doesNotExist();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void concurrentRemoveOfTheSameFileConflictsAndTheLoserLeavesNoTrace(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection loser = SqlTesting.connect(cat);
                Connection winner = SqlTesting.connect(cat);
                Statement l = loser.createStatement();
                Statement w = winner.createStatement()) {
            createTable(w, "t", dir.resolve("t"), false);
            createTable(w, "other", dir.resolve("other"), false);
            w.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('shared', 1), ('keep', 2)");

            loser.setAutoCommit(false);
            l.executeUpdate("DELETE FROM \"t$files\" WHERE path = 'shared'");
            l.executeUpdate("INSERT INTO \"other$files\"(path, size) VALUES ('o1', 1)");
            w.executeUpdate("DELETE FROM \"t$files\" WHERE path = 'shared'");
            String before = CatalogDump.of(cat.jdbcUrl());
            Map<String, Long> tLog = SqlTesting.deltaLog(dir.resolve("t"));
            Map<String, Long> otherLog = SqlTesting.deltaLog(dir.resolve("other"));

            assertThatThrownBy(loser::commit)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"))
                    .hasMessageContaining("t")
                    .hasMessageContaining("shared");
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
            assertThat(SqlTesting.deltaLog(dir.resolve("t"))).isEqualTo(tLog);
            assertThat(SqlTesting.deltaLog(dir.resolve("other"))).isEqualTo(otherLog);
            assertThat(column(w, "SELECT version FROM \"t$history\" ORDER BY version"))
                    .containsExactly(0L, 1L, 2L);
            assertThat(column(w, "SELECT path FROM \"other$files\"")).isEmpty();

            // The failed transaction is over: the connection starts afresh and sees the winner's commit.
            assertThat(column(l, "SELECT path FROM \"t$files\"")).containsExactly("keep");
            l.executeUpdate("INSERT INTO \"other$files\"(path, size) VALUES ('o2', 1)");
            loser.commit();
            assertThat(column(w, "SELECT path FROM \"other$files\"")).containsExactly("o2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void deleteConflictsWithChangesUnderItsPredicateOnly(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection a = SqlTesting.connect(cat);
                Connection b = SqlTesting.connect(cat);
                Statement sa = a.createStatement();
                Statement sb = b.createStatement()) {
            createTable(sb, "t", dir.resolve("t"), true);
            sb.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('eu1', 1, 'eu'), ('eu2', 1, 'eu'),"
                    + " ('us1', 1, 'us')");

            // A change outside the DELETE's predicate (region = 'eu') does not conflict.
            a.setAutoCommit(false);
            sa.executeUpdate("DELETE FROM \"t$files\" WHERE region = 'eu' AND path = 'eu1'");
            b.setAutoCommit(false);
            sb.executeUpdate("DELETE FROM \"t$files\" WHERE path = 'us1'");
            sb.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('us2', 1, 'us')");
            b.commit();
            a.commit();
            assertThat(column(sb, "SELECT path FROM \"t$files\" ORDER BY path")).containsExactly("eu2", "us2");

            // Under WriteSerializable (Delta's default) a concurrent blind append is placed before the DELETE.
            sa.executeUpdate("DELETE FROM \"t$files\" WHERE region = 'us'");
            b.setAutoCommit(true);
            sb.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('us3', 1, 'us')");
            a.commit();
            assertThat(column(sb, "SELECT path FROM \"t$files\" ORDER BY path")).containsExactly("eu2", "us3");

            // A concurrent commit that rewrites data under the predicate (removes and adds) conflicts.
            sa.executeUpdate("DELETE FROM \"t$files\" WHERE region = 'us'");
            b.setAutoCommit(false);
            sb.executeUpdate("DELETE FROM \"t$files\" WHERE path = 'eu2'");
            sb.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('us4', 1, 'us')");
            b.commit();
            String before = CatalogDump.of(cat.jdbcUrl());
            assertThatThrownBy(a::commit)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"))
                    .hasMessageContaining("us4");
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
            assertThat(column(sb, "SELECT path FROM \"t$files\" ORDER BY path")).containsExactly("us3", "us4");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void blindAppendsFromTwoConnectionsBothLand(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection a = SqlTesting.connect(cat);
                Connection b = SqlTesting.connect(cat);
                Statement sa = a.createStatement();
                Statement sb = b.createStatement()) {
            createTable(sa, "t", dir.resolve("t"), false);
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('from-a', 1)");
            sb.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('from-b', 1)");
            a.commit();
            b.commit();
            assertThat(column(sa, "SELECT path FROM \"t$files\" ORDER BY path")).containsExactly("from-a", "from-b");
            assertThat(column(sa, "SELECT version FROM \"t$history\" ORDER BY version"))
                    .containsExactly(0L, 1L, 2L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void badValuesAreRefusedNamingColumnAndValueAndChangeNothing(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('active', 1, 'eu')");
            String before = CatalogDump.of(cat.jdbcUrl());
            TreeMap<String, Long> log = SqlTesting.deltaLog(dir.resolve("t"));

            assertRefused(
                    s, "INSERT INTO \"t$files\"(path, size, region) VALUES ('n', -5, 'eu')", "22023", "size", "-5");
            assertRefused(
                    s,
                    "INSERT INTO \"t$files\"(path, size, partition_values) VALUES ('n', 1, '{\"region\": eu')",
                    "22023",
                    "partition_values",
                    "{\"region\": eu");
            assertRefused(
                    s,
                    "INSERT INTO \"t$files\"(path, size, partition_values) VALUES ('n', 1, '{\"nope\":\"x\"}')",
                    "22023",
                    "partition_values",
                    "nope");
            assertRefused(
                    s,
                    "INSERT INTO \"t$files\"(path, size, region) VALUES ('active', 1, 'eu')",
                    "23505",
                    "path",
                    "active");
            assertRefused(
                    s,
                    "INSERT INTO \"t$files\"(path, size, region) VALUES ('ok', 1, 'eu'), ('ok', 2, 'eu')",
                    "23505",
                    "ok");
            assertRefused(
                    s,
                    "INSERT INTO \"t$files\"(path, size, stats) VALUES ('n', 1, 'not json')",
                    "22023",
                    "stats",
                    "not json");
            assertRefused(
                    s,
                    "INSERT INTO \"t$files\"(path, size, region, partition_values) VALUES ('n', 1, 'eu', '{\"region\":\"us\"}')",
                    "22023",
                    "region",
                    "us");
            assertRefused(s, "UPDATE \"t$files\" SET size = 3", "0A000", "DELETE");
            assertRefused(
                    s,
                    "INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '/x/t', '" + Fixtures.SCHEMA
                            + "')",
                    "42P07",
                    "t");
            assertRefused(
                    s,
                    "INSERT INTO delta.tables(name, location, schema_string) VALUES ('bad', 'relative/path', '"
                            + Fixtures.SCHEMA + "')",
                    "22023",
                    "relative/path");
            assertRefused(
                    s,
                    "INSERT INTO delta.tables(name, location, schema_string) VALUES ('bad', '/x/bad', '{not a schema')",
                    "22023",
                    "bad");
            assertRefused(
                    s,
                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('delta.feature.noSuchFeature', 'supported')",
                    "0A000",
                    "noSuchFeature");
            assertRefused(
                    s,
                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('delta.enableIcebergCompatV2', 'true')",
                    "0A000",
                    "icebergCompatV2");
            assertRefused(s, "SELECT * FROM \"nope$files\"", "42P01", "nope$files");
            assertRefused(s, "SELEC 1", "42601", "SELEC");
            assertRefused(
                    s, "INSERT INTO \"t$files\"(path, size, region) VALUES ('a b', 1, 'eu')", "22023", "'a b'", "%20");
            assertRefused(
                    s, "SELECT day FROM \"t$partitions\"", "42601", "day is a reserved word", "quote it: \"day\"");
            assertThatThrownBy(() -> s.execute("SELECT value FROM x"))
                    .satisfies(e -> assertThat(e.getMessage())
                            .as("the parser's list of expected tokens is left out")
                            .doesNotContain("Was expecting")
                            .hasSizeLessThan(400));

            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
            assertThat(SqlTesting.deltaLog(dir.resolve("t"))).isEqualTo(log);
            assertThat(dir.resolve("bad")).doesNotExist();

            // In a transaction, a refused statement stages nothing and keeps what was staged before it.
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('staged', 1, 'us')");
            assertRefused(
                    s,
                    "INSERT INTO \"t$files\"(path, size, region) VALUES ('half', 1, 'eu'), ('bad', -1, 'eu')",
                    "22023",
                    "size");
            c.commit();
            assertThat(column(s, "SELECT path FROM \"t$files\" ORDER BY path")).containsExactly("active", "staged");
        }
    }

    private static void assertRefused(Statement s, String sql, String sqlState, String... inMessage) {
        assertThatThrownBy(() -> s.execute(sql))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState())
                            .as(sql + ": " + e.getMessage())
                            .isEqualTo(sqlState);
                    for (String part : inMessage) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void propertiesChangeThroughDml(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "t", dir.resolve("t"), false);
            s.executeUpdate(
                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('delta.appendOnly', 'false'), ('team', 'a')");
            assertThat(s.executeUpdate("UPDATE \"t$properties\" SET property_value = 'b' WHERE property_key = 'team'"))
                    .isEqualTo(1);
            s.executeUpdate("DELETE FROM \"t$properties\" WHERE property_key = 'delta.appendOnly'");
            assertThat(SqlTesting.rows(s, "SELECT property_key, property_value FROM \"t$properties\""))
                    .containsExactly(List.of("team", "b"));
            assertThat(column(s, "SELECT operation FROM \"t$history\" ORDER BY version"))
                    .containsExactly("CREATE TABLE", "SET TBLPROPERTIES", "SET TBLPROPERTIES", "UNSET TBLPROPERTIES");
            assertRefused(
                    s,
                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('team', 'c')",
                    "23505",
                    "team");
        }
    }
}
