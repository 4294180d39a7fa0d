package io.deltasql.tests.uc;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 3: Kernel appenders (client JVMs started together) and SQL writers (remote autocommit
 * INSERTs into {@code $files}) on one catalog-managed table at once. Every acknowledged commit is
 * one version, exactly once; versions stay contiguous; a writer that fails, fails with a conflict.
 * The SQL writers keep committing while the Kernel appenders run, so Kernel's commits meet
 * conflicts whenever their timing allows (nothing asserts that they did).
 */
class CatalogManagedConcurrencyTest {
    private static final int KERNEL_APPENDERS = 3;
    private static final int SQL_WRITERS = 2;
    /** Each SQL writer inserts until every Kernel appender has finished, at most this many times. */
    private static final int SQL_INSERTS = 25;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void kernelAndSqlWritersCommitExactlyOnce() throws Exception {
        Path dir = UcRuns.fresh("concurrency");
        try (UcTestServer server = UcTestServer.start(CatalogTargets.SQLITE, dir)) {
            UcClient client = server.writerClient();
            UcClient.Table table = UcRuns.newTable(dir, "events");
            TableDirectory files = new TableDirectory(Path.of(table.location()));
            client.create(table, UcJson.SCHEMA, UcJson.PARTITIONS).version();
            // One partition, one file: the Parquet file SQL writers register copies of.
            List<UcJson.Row> seedRows = List.of(new UcJson.Row(1, "seed-1", "x"), new UcJson.Row(2, "seed-2", "x"));
            assertThat(client.append(table, UcJson.rowsJson(seedRows)).version())
                    .isEqualTo(1);
            String seed = files.parquetFiles().get(0);

            Map<Integer, UcClient.Result> kernel = new ConcurrentHashMap<>();
            Map<String, String> sqlOutcomes = new ConcurrentHashMap<>(); // path -> "ok" or "SQLSTATE message"
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(KERNEL_APPENDERS + SQL_WRITERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < KERNEL_APPENDERS; a++) {
                int appender = a;
                futures.add(pool.submit((Callable<Void>) () -> {
                    go.await();
                    kernel.put(
                            appender,
                            client.append(table, UcJson.rowsJson(appenderRows(appender)), "--max-retries", "10"));
                    return null;
                }));
            }
            for (int w = 0; w < SQL_WRITERS; w++) {
                int writer = w;
                futures.add(pool.submit((Callable<Void>) () -> {
                    try (Connection c = server.sql();
                            Statement s = c.createStatement()) {
                        go.await();
                        for (int i = 0; i < SQL_INSERTS && kernel.size() < KERNEL_APPENDERS; i++) {
                            String path = "p=x/sql-" + writer + "-" + i + ".parquet";
                            long size = files.copy(seed, path);
                            try {
                                s.executeUpdate("INSERT INTO \"events$files\"(path, size, p) VALUES ('" + path + "', "
                                        + size + ", 'x')");
                                sqlOutcomes.put(path, "ok");
                            } catch (SQLException e) {
                                sqlOutcomes.put(path, e.getSQLState() + " " + e.getMessage());
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();

            List<Integer> kernelOk = new ArrayList<>();
            for (Map.Entry<Integer, UcClient.Result> e : new TreeMap<>(kernel).entrySet()) {
                UcClient.Result r = e.getValue();
                if (r.ok()) {
                    kernelOk.add(e.getKey());
                } else {
                    assertThat(r.exitCode())
                            .as("Kernel appender %d failed other than by a commit conflict: %s", e.getKey(), r.json())
                            .isEqualTo(2);
                    assertThat(r.json().toString())
                            .as("Kernel appender %d's failure", e.getKey())
                            .containsAnyOf("\"conflict\":true", "MaxCommitRetryLimitReached", "ConcurrentWrite");
                }
            }
            List<String> sqlOk = new ArrayList<>();
            sqlOutcomes.forEach((path, outcome) -> {
                if (outcome.equals("ok")) {
                    sqlOk.add(path);
                } else {
                    assertThat(outcome)
                            .as("SQL insert of %s failed other than by a conflict", path)
                            .startsWith("40001");
                }
            });

            try (Connection c = server.sql()) {
                List<Long> versions = CatalogView.versions(c, "events");
                long commits = 2L + kernelOk.size() + sqlOk.size();
                List<Long> contiguous = new ArrayList<>();
                for (long v = 0; v < commits; v++) {
                    contiguous.add(v);
                }
                assertThat(versions)
                        .as("one version per acknowledged commit (kernel %s, sql %s)", kernelOk, sqlOk)
                        .isEqualTo(contiguous);

                List<String> active = CatalogView.files(c, "events");
                assertThat(new HashSet<>(active)).as("no file listed twice").hasSameSizeAs(active);
                Set<Long> kernelVersions = new HashSet<>();
                for (int a : kernelOk) {
                    long v = kernel.get(a).version();
                    assertThat(kernelVersions.add(v))
                            .as("version %d reported twice", v)
                            .isTrue();
                    List<String> added = CatalogView.addedAt(c, "events", v);
                    assertThat(added)
                            .as("appender %d's commit (version %d): one file per partition", a, v)
                            .hasSize(2)
                            .allMatch(p -> !p.contains("sql-"));
                    assertThat(active).containsAll(added);
                }
                List<String> kernelFiles =
                        active.stream().filter(p -> !p.contains("sql-")).toList();
                assertThat(kernelFiles)
                        .as("Kernel-written files: the seed's and two per successful appender")
                        .hasSize(1 + 2 * kernelOk.size());
                assertThat(files.parquetFiles()).containsAll(kernelFiles);
                assertThat(active.stream().filter(p -> p.contains("sql-")).toList())
                        .as("the SQL writers' acknowledged files, each once")
                        .containsExactlyInAnyOrderElementsOf(sqlOk);
            }

            List<UcJson.Row> expected = new ArrayList<>();
            for (int i = 0; i < 1 + sqlOk.size(); i++) {
                expected.addAll(seedRows);
            }
            for (int a : kernelOk) {
                expected.addAll(appenderRows(a));
            }
            UcClient.Result read = client.read(table);
            assertThat(read.version()).isEqualTo(1L + kernelOk.size() + sqlOk.size());
            assertThat(UcJson.rowsOf(read)).isEqualTo(UcJson.sorted(expected));
        }
    }

    private static List<UcJson.Row> appenderRows(int appender) {
        return UcJson.rows(1000L * (appender + 1), 4, "appender" + appender);
    }
}
