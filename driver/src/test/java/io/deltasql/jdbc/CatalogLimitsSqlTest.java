package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.createTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CatalogLimit;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oversized values through SQL: each is refused with SQLState 22023 and a message naming the
 * limit and the value's size, and neither the catalog nor the table's {@code _delta_log} changes;
 * afterwards every table still lists and reads.
 */
class CatalogLimitsSqlTest {
    @TempDir
    Path dir;

    static String text(int length) {
        return "x".repeat(length);
    }

    private static void refused(
            CatalogTarget.TestCatalog cat, Statement s, Path table, String sql, CatalogLimit limit, long length)
            throws SQLException {
        String before = CatalogDump.of(cat.jdbcUrl());
        TreeMap<String, Long> log = SqlTesting.deltaLog(table);
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22023");
            assertThat(e.getMessage())
                    .contains(limit.what() + " is " + length + " characters; the limit is " + limit.max())
                    .hasSizeLessThan(2_000);
        });
        assertThat(CatalogDump.of(cat.jdbcUrl())).as("catalog unchanged").isEqualTo(before);
        assertThat(SqlTesting.deltaLog(table)).as("_delta_log unchanged").isEqualTo(log);
        assertThat(SqlTesting.count(s, "SELECT count(*) FROM delta.tables"))
                .as("every table still lists")
                .isEqualTo(1);
    }

    /** Waits for the mirror to write version 0, so that comparing the log before and after means something. */
    private static void awaitMirrored(Path table) throws InterruptedException {
        for (int i = 0; i < 600 && !SqlTesting.deltaLog(table).containsKey("00000000000000000000.json"); i++) {
            Thread.sleep(50);
        }
        assertThat(SqlTesting.deltaLog(table)).containsKey("00000000000000000000.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void everyOversizedValueIsRefusedAndChangesNothing(CatalogTarget target) throws Exception {
        Path t = dir.resolve("t-" + target.name());
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "t", t, true);
            awaitMirrored(t);
            String props = "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ";
            refused(cat, s, t, props + "('" + text(70_000) + "', 'v')", CatalogLimit.PROPERTY_KEY, 70_000);
            refused(cat, s, t, props + "('k', '" + text(70_000) + "')", CatalogLimit.PROPERTY_VALUE, 70_000);
            String huge = props + "('k', '" + text(21_000_000) + "')";
            refused(cat, s, t, huge, CatalogLimit.STATEMENT, huge.length());
            s.executeUpdate(props + "('k', 'v')");
            awaitLog(t, "00000000000000000001.json");
            refused(
                    cat,
                    s,
                    t,
                    "UPDATE \"t$properties\" SET property_value = '" + text(65_537) + "' WHERE property_key = 'k'",
                    CatalogLimit.PROPERTY_VALUE,
                    65_537);

            String files = "INSERT INTO \"t$files\"(path, size, region, tags, stats) VALUES ";
            refused(cat, s, t, files + "('" + text(32_769) + "', 1, 'eu', NULL, NULL)", CatalogLimit.FILE_PATH, 32_769);
            refused(
                    cat,
                    s,
                    t,
                    files + "('a', 1, '" + text(65_531) + "', NULL, NULL)",
                    CatalogLimit.PARTITION_VALUES,
                    65_537);
            refused(
                    cat,
                    s,
                    t,
                    files + "('a', 1, 'eu', '{\"t\":\"" + text(70_000) + "\"}', NULL)",
                    CatalogLimit.TAGS,
                    70_001);
            String stats = "{\"numRecords\":1,\"pad\":\"" + text(1_100_000) + "\"}";
            refused(cat, s, t, files + "('a', 1, 'eu', NULL, '" + stats + "')", CatalogLimit.STATS, stats.length());

            String create = "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ";
            String schema = "'" + Fixtures.SCHEMA + "'";
            refused(
                    cat,
                    s,
                    t,
                    create + "('" + text(256) + "', '" + dir.resolve("n") + "', " + schema + ", '[]')",
                    CatalogLimit.TABLE_NAME,
                    256);
            String location = dir.resolve(text(5_000)).toString();
            refused(
                    cat,
                    s,
                    t,
                    create + "('n', '" + location + "', " + schema + ", '[]')",
                    CatalogLimit.LOCATION,
                    location.length());
            String wide = Fixtures.SCHEMA.replace(
                    "\"metadata\":{}", "\"metadata\":{\"comment\":\"" + text(1_100_000) + "\"}");
            refused(
                    cat,
                    s,
                    t,
                    create + "('n', '" + dir.resolve("n") + "', '" + wide + "', '[]')",
                    CatalogLimit.SCHEMA_STRING,
                    wide.length());
            String column = text(1_025);
            refused(
                    cat,
                    s,
                    t,
                    create + "('n', '" + dir.resolve("n") + "', '"
                            + Fixtures.SCHEMA.replace("\"region\"", "\"" + column + "\"") + "', '[\"" + column
                            + "\"]')",
                    CatalogLimit.PARTITION_COLUMN_NAME,
                    1_025);

            String statement = "SELECT 1 FROM delta.tables WHERE name = '" + text(CatalogLimit.STATEMENT.max()) + "'";
            refused(cat, s, t, statement, CatalogLimit.STATEMENT, statement.length());

            assertThat(SqlTesting.rows(s, "SELECT property_key, property_value FROM \"t$properties\""))
                    .containsExactly(List.of("k", "v"));
        }
    }

    private static void awaitLog(Path table, String file) throws InterruptedException {
        for (int i = 0; i < 600 && !SqlTesting.deltaLog(table).containsKey(file); i++) {
            Thread.sleep(50);
        }
        assertThat(SqlTesting.deltaLog(table)).containsKey(file);
    }
}
