package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static io.deltasql.jdbc.SqlTesting.createTable;
import static io.deltasql.jdbc.SqlTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.GoldenTables;
import io.deltasql.core.testing.TimeTravelOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TABLE(delta.files_as_of('t', TIMESTAMP '…'))} and {@code t$history.timestamp} through SQL
 * follow Delta's commit times: {@code files_as_of} gives the files of the version Delta Kernel's time
 * travel finds, at, 1 ms before and 1 ms after every commit (both refuse a time before the first; after
 * the last, the catalog gives its head where Kernel refuses), on a table written through SQL and
 * mirrored, and on an imported table whose log files have irregular times.
 */
class TimestampTimeTravelSqlTest {
    private static final DateTimeFormatter LITERAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** (Core's CommitTimeMirrorTest covers every catalog database; one is enough for the SQL surface.) */
    @Test
    void aTableWrittenThroughSql() throws Exception {
        Path location = dir.resolve("events");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "events", location, true);
            for (int i = 1; i <= 5; i++) {
                s.executeUpdate("INSERT INTO \"events$files\"(path, size, region) VALUES ('region=eu/f" + i
                        + ".parquet', " + (100 + i) + ", 'eu')");
            }
            s.executeUpdate("DELETE FROM \"events$files\" WHERE path = 'region=eu/f2.parquet'");
            awaitMirrored(s, "events", 6);

            TreeMap<Long, Long> history = history(s, "events");
            for (var e : history.entrySet()) {
                assertThat(Files.getLastModifiedTime(commitFile(location, e.getKey()))
                                .toMillis())
                        .as("version %d's file time is its $history.timestamp", e.getKey())
                        .isEqualTo(e.getValue());
            }
            assertAgreesWithKernel(s, "events", location, history);
        }
    }

    @Test
    void anImportedTableWithIrregularFileTimes() throws Exception {
        Path table = dir.resolve("imported");
        Path log = table.resolve("_delta_log");
        Files.createDirectories(log);
        try (Stream<Path> files = Files.list(GoldenTables.requireRoot().resolve("snapshot-repartitioned/_delta_log"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json"))
                    .toList()) {
                long v = Long.parseLong(f.getFileName().toString().substring(0, 20));
                Path copy = Files.copy(f, log.resolve(f.getFileName()));
                // Two commits at one time, one older than its predecessor, minutes between the others.
                long time = 1_700_000_000_000L + 60_000 * v - (v == 2 ? 60_000 : 0) - (v == 4 ? 90_000 : 0);
                Files.setLastModifiedTime(copy, FileTime.fromMillis(time));
            }
        }
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                new DeltaLogImporter(catalog).importTable(table, "imported", ImportProgress.NONE);
            }
            Properties settings = new Properties();
            settings.setProperty("mirror", "false");
            try (Connection c = DriverManager.getConnection(SqlTesting.url(cat), settings);
                    Statement s = c.createStatement()) {
                TreeMap<Long, Long> history = history(s, "imported");
                assertThat(history.get(2L)).as("monotonic: one after version 1").isEqualTo(history.get(1L) + 1);
                assertThat(history.get(4L)).as("monotonic: one after version 3").isEqualTo(history.get(3L) + 1);
                assertAgreesWithKernel(s, "imported", table, history);
            }
        }
    }

    private void assertAgreesWithKernel(Statement s, String table, Path location, TreeMap<Long, Long> history)
            throws Exception {
        TimeTravelOracle.Reader kernel = TimeTravelOracle.kernel43();
        TreeSet<Long> probes = new TreeSet<>();
        for (long t : history.values()) {
            probes.addAll(List.of(t - 1, t, t + 1));
        }
        probes.add(history.firstEntry().getValue() - 86_400_000L);
        probes.add(history.lastEntry().getValue() + 86_400_000L);
        long head = history.lastKey();
        TreeMap<Long, List<Object>> files = new TreeMap<>();
        for (long v : history.keySet()) {
            files.put(v, column(s, "SELECT path FROM TABLE(delta.files('" + table + "', " + v + ")) ORDER BY path"));
        }
        for (long t : probes) {
            TimeTravelOracle.Answer delta = kernel.asOf(location, t);
            String asOf = "SELECT path FROM TABLE(delta.files_as_of('" + table + "', TIMESTAMP '"
                    + LITERAL.format(Instant.ofEpochMilli(t)) + "')) ORDER BY path";
            if (delta.kind().equals("before the first commit")) {
                assertThatThrownBy(() -> s.executeQuery(asOf))
                        .as("as of %d", t)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining(table)
                        .hasMessageContaining("first commit");
                continue;
            }
            long version = delta.kind().equals("after the last commit") ? head : delta.version();
            assertThat(column(s, asOf))
                    .as("as of %d; Kernel answers %s", t, delta)
                    .isEqualTo(files.get(version));
        }
    }

    private static TreeMap<Long, Long> history(Statement s, String table) throws SQLException {
        TreeMap<Long, Long> history = new TreeMap<>();
        for (List<Object> row : rows(s, "SELECT version, \"timestamp\" FROM \"" + table + "$history\"")) {
            history.put(((Number) row.get(0)).longValue(), ((Timestamp) row.get(1)).getTime());
        }
        return history;
    }

    /** The mirror writes and records versions shortly after their commits. */
    private static void awaitMirrored(Statement s, String table, long head) throws Exception {
        String sql = "SELECT mirrored_version FROM sys.mirror WHERE table_name = '" + table + "'";
        for (int i = 0; i < 600 && ((Number) column(s, sql).get(0)).longValue() < head; i++) {
            Thread.sleep(50);
        }
        assertThat(((Number) column(s, sql).get(0)).longValue()).isEqualTo(head);
    }

    private static Path commitFile(Path location, long version) {
        return location.resolve("_delta_log").resolve(String.format("%020d.json", version));
    }
}
