package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.createTable;
import static io.deltasql.jdbc.SqlTesting.deltaLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mirror} connection setting: {@code async} writes the log after commits return; a typo is refused. */
class MirrorSettingSqlTest {
    @TempDir
    Path dir;

    private static Properties mirror(String value) {
        Properties p = new Properties();
        p.setProperty("mirror", value);
        return p;
    }

    @Test
    void asyncCommitsReachTheLogByTheTimeTheCatalogCloses() throws Exception {
        Path events = dir.resolve("events");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (Connection c = DriverManager.getConnection(SqlTesting.url(cat), mirror("async"));
                    Statement s = c.createStatement()) {
                createTable(s, "events", events, true);
                for (int i = 0; i < 5; i++) {
                    s.executeUpdate("INSERT INTO \"events$files\"(path, size, region) VALUES ('region=eu/f" + i
                            + ".parquet', 10, 'eu')");
                }
            }
            // The last connection closed the shared catalog, whose mirror wrote what it was handed.
            assertThat(deltaLog(events).keySet()).contains("00000000000000000000.json", "00000000000000000005.json");
            try (Connection c = SqlTesting.connect(cat);
                    Statement s = c.createStatement()) {
                assertThat(SqlTesting.rows(s, "SELECT pending_versions FROM sys.mirror"))
                        .containsExactly(List.of(0L));
            }
        }
    }

    @Test
    void anUnknownValueIsRefusedAtConnectWithNothingOpened() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (var schemaCreated = cat.open()) {
                // an existing catalog: a refused connection must leave it as it is
            }
            String before = CatalogDump.of(cat.jdbcUrl());
            assertThatThrownBy(() -> DriverManager.getConnection(SqlTesting.url(cat), mirror("sometimes")))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                    .hasMessageContaining("mirror='sometimes'");
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
        }
    }
}
