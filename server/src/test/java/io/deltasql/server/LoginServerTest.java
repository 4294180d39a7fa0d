package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins against a server in its own process: bcrypt hashes made by {@code hash-password}, the
 * backoff after failed logins, escaped user names in its log, and the set-ups it refuses to start.
 */
class LoginServerTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger connections = new AtomicInteger();

    /** One Avatica JSON request (open a connection) with BASIC credentials. */
    private HttpResponse<String> login(String url, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"request\":\"openConnection\",\"connectionId\":\"c" + connections.incrementAndGet() + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hashOf(Path dir, String password) throws Exception {
        Path stdin = Files.writeString(dir.resolve("password-input"), password + "\n");
        CliProcess.Result hashed = CliProcess.run(Map.of(), stdin, "hash-password", "--cost", "4");
        assertThat(hashed.status()).as(hashed.output()).isZero();
        return hashed.output()
                .lines()
                .filter(l -> l.startsWith("BCRYPT:$2a$04$"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRefusedLoginReachesJdbcClientsAsSqlState28000() throws Exception {
        Path users = PrivateFiles.write(dir.resolve("users.properties"), "alice: alice-pw, writer\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(), "--users", users.toString(), "--login-backoff-initial-ms", "1000")) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> remoteQuery(server, "wrong"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("HTTP 401")
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
            }
            // Now in backoff: Avatica's client honours the 429's Retry-After, waits and tries once more.
            remoteQuery(server, "alice-pw");
            assertThat(server.output()).contains("login backoff");
        }
    }

    private static void remoteQuery(ServerProcess server, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", password);
        try (Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url(), p);
                Statement s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM delta.tables").close();
        }
    }

    @Test
    void bcryptLoginsBackoffAfterFailuresAndEscapedNamesInTheLog() throws Exception {
        Path users = PrivateFiles.write(
                dir.resolve("users.properties"),
                "alice: " + hashOf(dir, "alice-pw") + ", writer\nbob: bob-pw, reader\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(),
                        "--users",
                        users.toString(),
                        "--serialization",
                        "json",
                        "--login-backoff-initial-ms",
                        "2000",
                        "--login-backoff-max-ms",
                        "4000")) {
            String url = server.url();
            assertThat(server.output()).contains("1 user(s) without a bcrypt hash ('bob': plain text)");
            assertThat(login(url, "alice", "alice-pw").statusCode()).isEqualTo(200);
            assertThat(login(url, "bob", "bob-pw").statusCode()).isEqualTo(200);

            assertThat(login(url, "eve\n[main] INFO forged 'line'\u001b[2J", "x")
                            .statusCode())
                    .isEqualTo(401);

            for (int i = 0; i < LoginBackoff.FREE_FAILURES; i++) {
                assertThat(login(url, "alice", "guess-" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> refused = login(url, "alice", "alice-pw");
            assertThat(refused.statusCode())
                    .as("the right password is not even checked during the backoff")
                    .isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).get().isIn("1", "2");
            assertThat(refused.body()).contains("too many failed logins");
            assertThat(login(url, "alice", "another-guess").statusCode()).isEqualTo(429);
            assertThat(login(url, "bob", "bob-pw").statusCode())
                    .as("other users are not held up")
                    .isEqualTo(200);

            int status = 0;
            int throttled = 2;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (status != 200 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
                status = login(url, "alice", "alice-pw").statusCode();
                assertThat(status).isIn(200, 429);
                throttled += status == 429 ? 1 : 0;
            }
            assertThat(status).as("the backoff ends").isEqualTo(200);
            assertThat(login(url, "alice", "one-typo").statusCode()).isEqualTo(401);
            assertThat(login(url, "alice", "alice-pw").statusCode())
                    .as("the success reset the count")
                    .isEqualTo(200);

            TimeUnit.MILLISECONDS.sleep(200);
            String log = server.output();
            assertThat(log)
                    .contains("failed login for user 'eve\\n[main] INFO forged \\'line\\'\\u001b[2J'")
                    .doesNotContain("\n[main] INFO forged")
                    .doesNotContain("\u001b");
            assertThat(log.split("login backoff for user 'alice' from 127.0.0.1: 3 failed logins in a row", -1))
                    .as("the backoff is logged once, not per refused request")
                    .hasSize(2);
            assertThat(log)
                    .contains(
                            "login backoff for user 'alice' from 127.0.0.1 lifted by a successful login after 3 failures")
                    .doesNotContain("alice-pw")
                    .doesNotContain("guess-");

            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("deltasql_throttled_logins_total " + throttled + ".0");
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void refusesAReadableUsersFileAndPlainHttpBasicAuthUnlessAllowed() throws Exception {
        Path users = PrivateFiles.write(dir.resolve("users.properties"), "alice: alice-pw, writer\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result plain = CliProcess.run(
                    "server",
                    "--port",
                    "0",
                    "--catalog",
                    cat.jdbcUrl(),
                    "--users",
                    users.toString(),
                    "--bind",
                    "0.0.0.0");
            assertThat(plain.status()).isNotZero();
            assertThat(plain.output())
                    .contains("deltasql server: --users on --bind 0.0.0.0 without --keystore would send "
                            + "passwords in clear text over HTTP")
                    .contains("--allow-plain-http-auth")
                    .doesNotContain("server ready");

            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
            CliProcess.Result readable =
                    CliProcess.run("server", "--port", "0", "--catalog", cat.jdbcUrl(), "--users", users.toString());
            assertThat(readable.status()).isNotZero();
            assertThat(readable.output())
                    .contains("deltasql server: the users file " + users
                            + " is accessible to other accounts (mode rw-r--r--); run chmod 600 " + users
                            + ", or give --allow-insecure-users-file")
                    .doesNotContain("server ready");

            try (ServerProcess server = ServerProcess.start(
                    cat.jdbcUrl(),
                    "--users",
                    users.toString(),
                    "--bind",
                    "0.0.0.0",
                    "--allow-insecure-users-file",
                    "--allow-plain-http-auth",
                    "--serialization",
                    "json")) {
                assertThat(login(server.url().replace("0.0.0.0", "127.0.0.1"), "alice", "alice-pw")
                                .statusCode())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void aMalformedHashStopsTheStartWithItsLine() throws Exception {
        Path users = PrivateFiles.write(dir.resolve("users.properties"), "alice: BCRYPT:$2a$10$tooShort, writer\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result bad =
                    CliProcess.run("server", "--port", "0", "--catalog", cat.jdbcUrl(), "--users", users.toString());
            assertThat(bad.status()).isNotZero();
            assertThat(bad.output())
                    .contains("users file " + users + ", line 1: user 'alice': not a bcrypt hash")
                    .doesNotContain("server ready");
        }
    }
}
