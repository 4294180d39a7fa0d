package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.count;
import static io.deltasql.jdbc.SqlTesting.createTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements of any size: literal rows and IN lists are bound as data, not compiled into code, so
 * a 100,000-row INSERT commits and a 100,000-value IN list answers, and a failing big statement
 * reports a short message without generated Java in it.
 */
class LargeStatementsTest {
    static final int ROWS = 100_000;

    @TempDir
    Path dir;

    /** {@code INSERT INTO "t$files"(path, size, partition_values) VALUES …} with {@code rows} rows. */
    static String insertFiles(String table, int rows, String pathPrefix) {
        StringBuilder sql = new StringBuilder(rows * 48)
                .append("INSERT INTO \"")
                .append(table)
                .append("$files\"(path, size, partition_values) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("('")
                    .append(pathPrefix)
                    .append(i)
                    .append(".parquet', ")
                    .append(i + 1)
                    .append(", '{\"region\":\"")
                    .append(i % 2 == 0 ? "eu" : "us")
                    .append("\"}')");
        }
        return sql.toString();
    }

    @Test
    void aHundredThousandRowInsertCommitsEveryFileInOneVersion() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "big", dir.resolve("big"), true);
            Runtime rt = Runtime.getRuntime();
            long before = rt.totalMemory() - rt.freeMemory();
            long started = System.nanoTime();
            assertThat(s.executeUpdate(insertFiles("big", ROWS, "part-"))).isEqualTo(ROWS);
            System.out.printf(
                    "LARGE insert rows=%d ms=%d heap_growth_mb=%d%n",
                    ROWS,
                    (System.nanoTime() - started) / 1_000_000,
                    (rt.totalMemory() - rt.freeMemory() - before) >> 20);
            assertThat(count(s, "SELECT count(*) FROM \"big$files\"")).isEqualTo(ROWS);
            assertThat(count(s, "SELECT version FROM delta.tables WHERE name = 'big'"))
                    .isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM \"big$files\" WHERE region = 'us'"))
                    .isEqualTo(ROWS / 2);
            assertThat(count(s, "SELECT sum(size) FROM \"big$files\"")).isEqualTo((long) ROWS * (ROWS + 1) / 2);
        }
    }

    @Test
    void aHundredThousandValueInListReturnsTheMatchingRows() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate(insertFiles("t", 1_000, "f-"));
            StringBuilder in = new StringBuilder("SELECT count(*), sum(size) FROM \"t$files\" WHERE path IN (");
            for (int i = 0; i < ROWS; i++) {
                // Every tenth of the first 10,000 values names a file that exists (f-0 … f-999), the rest match
                // nothing.
                in.append(i == 0 ? "" : ", ")
                        .append('\'')
                        .append(i % 10 == 0 && i < 10_000 ? "f-" + i / 10 : "none-" + i)
                        .append(".parquet'");
            }
            in.append(')');
            try (var rs = s.executeQuery(in.toString())) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1_000);
            }
            StringBuilder sizes = new StringBuilder("SELECT count(*) FROM \"t$files\" WHERE size IN (");
            for (int i = 0; i < ROWS; i++) {
                sizes.append(i == 0 ? "" : ", ").append(i * 2 + 2);
            }
            sizes.append(')');
            assertThat(count(s, sizes.toString())).as("the even sizes 2..1000").isEqualTo(500);
            StringBuilder notIn = new StringBuilder("SELECT count(*) FROM \"t$files\" WHERE size NOT IN (");
            for (int i = 0; i < ROWS; i++) {
                notIn.append(i == 0 ? "" : ", ").append(i * 2 + 2);
            }
            notIn.append(')');
            assertThat(count(s, notIn.toString())).as("the odd sizes").isEqualTo(500);
        }
    }

    @Test
    void aFailingBigStatementReportsNoGeneratedCode() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "t", dir.resolve("t"), true);
            String dump = CatalogDump.of(cat.jdbcUrl());
            // The last row's partition value is not JSON: the whole statement is refused.
            String sql = insertFiles("t", 20_000, "x-") + ", ('bad.parquet', 1, '{not json')";
            assertThatThrownBy(() -> s.executeUpdate(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("22023");
                assertThat(messages(e))
                        .doesNotContain("public ", "org.apache.calcite.linq4j", "baz(")
                        .hasSizeLessThan(4_000);
            });
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(dump);
            // Literal rows of a type that is not bound as data (intervals) are still compiled: 10,000 of them exceed
            // the
            // JVM's 64 KB per method, and the refusal says so without the generated code.
            StringBuilder wide = new StringBuilder("SELECT * FROM (VALUES ");
            for (int i = 0; i < 10_000; i++) {
                wide.append(i == 0 ? "" : ", ")
                        .append("(INTERVAL '")
                        .append(i % 99 + 1)
                        .append("' DAY)");
            }
            wide.append(") AS v(d)");
            assertThatThrownBy(() -> s.executeQuery(wide.toString())).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("54001");
                assertThat(messages(e))
                        .contains("too large or complex")
                        .contains("reference ")
                        .doesNotContain("public ", "org.apache.calcite.linq4j", "baz(")
                        .hasSizeLessThan(4_000);
            });
        }
    }

    /** The messages of an exception and all its causes. */
    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
