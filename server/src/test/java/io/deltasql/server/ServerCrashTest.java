package io.deltasql.server;

import static io.deltasql.server.RemoteSqlTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL while clients stream commits: after a restart on the same catalog
 * every commit a client saw succeed is there exactly once, no transaction is there in part, the
 * versions are contiguous, and the mirror brings {@code _delta_log} level with the catalog.
 */
class ServerCrashTest {
    private static final int WRITERS = 3;
    private static final int ACKS_BEFORE_KILL = 60;

    @TempDir
    Path dir;

    /** What one writer saw: file paths whose commit returned, and two-table transactions that did. */
    record Acked(List<String> singles, List<String> pairs) {}

    @Test
    void sigkillMidStreamLosesNothingAcknowledgedAndLeavesNothingHalfDone() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.EMBEDDED_POSTGRES.create()) {
            ServerProcess first = ServerProcess.start(cat.jdbcUrl());
            try (Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + first.url());
                    Statement s = c.createStatement()) {
                for (String t : List.of("a", "b")) {
                    s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + t + "', '"
                            + dir.resolve(t) + "', '" + Fixtures.SCHEMA + "')");
                }
            }

            CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_KILL);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<Acked>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> write(first.url(), writer, enoughAcks)));
            }
            assertThat(enoughAcks.await(120, TimeUnit.SECONDS))
                    .as("the writers made progress")
                    .isTrue();
            first.kill();
            List<String> singles = new ArrayList<>();
            List<String> pairs = new ArrayList<>();
            for (Future<Acked> f : writers) {
                Acked acked = f.get(60, TimeUnit.SECONDS);
                singles.addAll(acked.singles());
                pairs.addAll(acked.pairs());
            }
            pool.shutdown();
            assertThat(singles.size() + pairs.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            System.out.printf(
                    "killed the server after %d acknowledged single commits and %d transactions%n",
                    singles.size(), pairs.size());

            try (ServerProcess second = ServerProcess.start(cat.jdbcUrl());
                    Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + second.url());
                    Statement s = c.createStatement()) {
                Map<String, Long> addsA = addsPerPath(s, "a");
                Map<String, Long> addsB = addsPerPath(s, "b");
                for (String path : singles) {
                    assertThat(addsA.get(path))
                            .as("acknowledged single commit %s", path)
                            .isEqualTo(1L);
                }
                for (String pair : pairs) {
                    assertThat(addsA.get(pair))
                            .as("acknowledged transaction %s, table a", pair)
                            .isEqualTo(1L);
                    assertThat(addsB.get(pair))
                            .as("acknowledged transaction %s, table b", pair)
                            .isEqualTo(1L);
                }
                assertThat(addsA.values()).as("no file was added twice").allMatch(n -> n == 1L);
                // Every transaction, acknowledged or cut off, is in both tables or in neither.
                List<String> pairPathsInA = addsA.keySet().stream()
                        .filter(p -> p.contains("-pair-"))
                        .sorted()
                        .toList();
                assertThat(addsB.keySet().stream().sorted().toList()).isEqualTo(pairPathsInA);

                for (String t : List.of("a", "b")) {
                    List<String> versions = rows(s, "SELECT version FROM \"" + t + "$history\" ORDER BY version");
                    long head = Long.parseLong(rows(s, "SELECT version FROM delta.tables WHERE name = '" + t + "'")
                            .get(0));
                    assertThat(versions)
                            .as("versions of %s are contiguous", t)
                            .hasSize((int) head + 1)
                            .isEqualTo(Stream.iterate(0L, v -> v + 1)
                                    .limit(head + 1)
                                    .map(String::valueOf)
                                    .toList());
                }
                awaitMirror(s);
                for (String t : List.of("a", "b")) {
                    long head = Long.parseLong(rows(s, "SELECT version FROM delta.tables WHERE name = '" + t + "'")
                            .get(0));
                    try (Stream<Path> log = Files.list(dir.resolve(t).resolve("_delta_log"))) {
                        assertThat(log.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                                        .count())
                                .as("_delta_log of %s holds every version", t)
                                .isEqualTo(head + 1);
                    }
                }
            }
            for (String t : List.of("a", "b")) {
                CliProcess.Result verify = CliProcess.run("verify", t, "--all-versions", "--catalog", cat.jdbcUrl());
                assertThat(verify.status())
                        .as("Delta Kernel reads %s as the catalog has it:\n%s", t, verify.output())
                        .isZero();
            }
        }
    }

    /**
     * Commits until the connection breaks: autocommit inserts into {@code a}, and every third a
     * transaction over {@code a} and {@code b}. Only what returned normally counts as acknowledged.
     */
    private static Acked write(String url, int writer, CountDownLatch progress) {
        List<String> singles = Collections.synchronizedList(new ArrayList<>());
        List<String> pairs = Collections.synchronizedList(new ArrayList<>());
        try (Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + url);
                Statement s = c.createStatement()) {
            for (int i = 0; ; i++) {
                if (i % 3 == 2) {
                    String path = "w" + writer + "-pair-" + i;
                    c.setAutoCommit(false);
                    s.executeUpdate("INSERT INTO \"a$files\"(path, size) VALUES ('" + path + "', 1)");
                    s.executeUpdate("INSERT INTO \"b$files\"(path, size) VALUES ('" + path + "', 1)");
                    c.commit();
                    c.setAutoCommit(true);
                    pairs.add(path);
                } else {
                    String path = "w" + writer + "-single-" + i;
                    s.executeUpdate("INSERT INTO \"a$files\"(path, size) VALUES ('" + path + "', 1)");
                    singles.add(path);
                }
                progress.countDown();
            }
        } catch (SQLException | RuntimeException e) {
            // The server went away: the operation in flight has an unknown outcome.
        }
        return new Acked(singles, pairs);
    }

    /** How many times each path was added in the table's whole log. */
    private static Map<String, Long> addsPerPath(Statement s, String table) throws SQLException {
        Map<String, Long> adds = new HashMap<>();
        for (String json : rows(s, "SELECT action_json FROM \"" + table + "$log\" WHERE action_type = 'add'")) {
            String path = json.replaceAll("(?s).*\"path\":\"([^\"]+)\".*", "$1");
            adds.merge(path, 1L, Long::sum);
        }
        return adds;
    }

    private static void awaitMirror(Statement s) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> behind = rows(s, "SELECT table_name FROM sys.mirror WHERE mirrored_version < head_version");
            if (behind.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("mirror still behind on %s", behind)
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
