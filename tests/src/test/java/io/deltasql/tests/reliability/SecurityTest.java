package io.deltasql.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's roles under concurrent sessions, and the catalog's credentials kept secret. A server
 * process on embedded PostgreSQL (its catalog URL carries {@code password=…}; embedded PostgreSQL
 * trusts local connections, so the password is never checked but is everywhere a leak could copy
 * it from) with a writer and a reader user: {@value #THREADS} writer and {@value #THREADS} reader
 * sessions in parallel, {@value #OPS} operations each. Every DML of a reader fails with 42501 and
 * commits nothing; every writer commit lands. Then the password is looked for in every error the
 * clients got, the server's log, every {@code sys} table, {@code /metrics} and {@code /health}, and
 * the output of CLI commands that fail on that catalog URL.
 */
class SecurityTest {
    static final int THREADS = 2;
    static final int OPS = 15;
    static final String SECRET = "CatalogPw-S3cr3t-4417";

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void readersNeverCommitAndCatalogCredentialsNeverLeak() throws Exception {
        Path dir = RunDirs.fresh("security");
        Path users = dir.resolve("users.properties");
        Files.deleteIfExists(users);
        // The server refuses a users file other accounts can read.
        Files.createFile(users, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(users, "alice: alice-pw, writer\nbob: bob-pw, reader\n");
        try (CatalogTarget.TestCatalog db = CatalogTargets.EMBEDDED_POSTGRES.create()) {
            String catalogUrl = db.jdbcUrl() + "&password=" + SECRET;
            List<String> seen = new ArrayList<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger wrongState = new AtomicInteger();
            ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            try (ServerJvm server = ServerJvm.start(
                    dir.resolve("server.log"),
                    catalogUrl,
                    "--users",
                    users.toString(),
                    "--allowed-locations",
                    dir.toString())) {
                try (Connection c = connect(server.url(), "alice", "alice-pw");
                        Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '"
                            + dir.resolve("t") + "', '" + Fixtures.SCHEMA + "')");
                }
                ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < THREADS; w++) {
                    int writer = w;
                    futures.add(pool.submit(() -> {
                        try (Connection c = connect(server.url(), "alice", "alice-pw");
                                Statement s = c.createStatement()) {
                            for (int i = 0; i < OPS; i++) {
                                String path = "writer-" + writer + "-" + i;
                                try {
                                    s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('" + path + "', 1)");
                                    acked.add(path);
                                } catch (SQLException e) {
                                    errors.add(e.getSQLState() + " " + e.getMessage());
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (int r = 0; r < THREADS; r++) {
                    int reader = r;
                    futures.add(pool.submit(() -> {
                        try (Connection c = connect(server.url(), "bob", "bob-pw");
                                Statement s = c.createStatement()) {
                            for (int i = 0; i < OPS; i++) {
                                String[] dml = {
                                    "INSERT INTO \"t$files\"(path, size) VALUES ('reader-" + reader + "-" + i + "', 1)",
                                    "DELETE FROM \"t$files\" WHERE path LIKE 'writer-%'",
                                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('r" + i
                                            + "', 'x')",
                                    "DELETE FROM delta.tables WHERE name = 't'"
                                };
                                try {
                                    s.executeUpdate(dml[i % dml.length]);
                                    errors.add("reader committed: " + dml[i % dml.length]);
                                } catch (SQLException e) {
                                    refused.incrementAndGet();
                                    if (!"42501".equals(e.getSQLState())) {
                                        wrongState.incrementAndGet();
                                    }
                                    errors.add(e.getSQLState() + " " + e.getMessage());
                                }
                                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"t$files\"")) {
                                    rs.next();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(180, TimeUnit.SECONDS);
                }
                pool.shutdown();

                try (Connection c = connect(server.url(), "bob", "bob-pw");
                        Statement s = c.createStatement()) {
                    List<String> paths = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery("SELECT path FROM \"t$files\"")) {
                        while (rs.next()) {
                            paths.add(rs.getString(1));
                        }
                    }
                    assertThat(paths)
                            .as("exactly the writers' acknowledged files")
                            .containsExactlyInAnyOrderElementsOf(acked);
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"t$history\"")) {
                        rs.next();
                        assertThat(rs.getLong(1))
                                .as("one version per writer commit, none by a reader")
                                .isEqualTo(acked.size() + 1);
                    }
                    for (String table : List.of("sys.catalog", "sys.pool", "sys.cache", "sys.mirror", "delta.tables")) {
                        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                            int cols = rs.getMetaData().getColumnCount();
                            while (rs.next()) {
                                for (int i = 1; i <= cols; i++) {
                                    seen.add(table + ": " + rs.getString(i));
                                }
                            }
                        }
                    }
                    // Errors that travel from the catalog to the client.
                    for (String bad :
                            List.of("SELECT * FROM \"nope$files\"", "SELECT * FROM TABLE(delta.files('t', 99999))")) {
                        try (ResultSet rs = s.executeQuery(bad)) {
                            rs.next();
                        } catch (SQLException e) {
                            errors.add(e.getSQLState() + " " + e.getMessage());
                        }
                    }
                }
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                for (String path : List.of("/metrics", "/health")) {
                    HttpResponse<String> res = http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    seen.add(path + ": " + res.body());
                }
                seen.add("server log: " + server.output());
            }
            // CLI commands failing on a URL with the password: an unknown table, an unreachable catalog.
            String unreachable =
                    "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=" + SECRET + "&connectTimeout=2";
            for (String[] args : List.of(
                    new String[] {"verify", "nope", "--catalog", catalogUrl},
                    new String[] {"verify", "nope", "--catalog", unreachable})) {
                try (ChildJvm cli = ChildJvm.start(
                        dir.resolve("cli-" + seen.size() + ".log"), "io.deltasql.server.cli.DeltaSqlCli", args)) {
                    int status = cli.await(120);
                    assertThat(status)
                            .as("deltasql %s fails", String.join(" ", args))
                            .isNotZero();
                    seen.add("cli " + args[3].substring(0, 20) + ": " + cli.output());
                }
            }
            seen.addAll(errors);
            List<String> leaks = seen.stream()
                    .filter(t -> t != null && t.contains(SECRET))
                    .map(Outcomes::abbreviate)
                    .toList();
            System.out.printf(
                    "RELIABILITY security sessions=%d writer_commits=%d reader_dml_refused=%d reader_dml_not_42501=%d "
                            + "texts_checked=%d leaks=%d%n",
                    THREADS * 2, acked.size(), refused.get(), wrongState.get(), seen.size(), leaks.size());
            leaks.forEach(l -> System.out.println("ANOMALY security: catalog password in " + l));
            assertThat(refused.get()).isEqualTo(THREADS * OPS);
            assertThat(wrongState.get()).as("reader DML refused with 42501").isZero();
            assertThat(errors).noneMatch(e -> e.startsWith("reader committed"));
            assertThat(leaks).isEmpty();
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:deltasql:remote:" + url, p);
    }
}
