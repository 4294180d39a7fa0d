package io.deltasql.server;

import static io.deltasql.server.RemoteSqlTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, roles, failed logins, TLS, health and metrics of a server in its own process. */
class SecureServerTest {
    @TempDir
    Path dir;

    private Path usersFile() throws Exception {
        return PrivateFiles.write(
                dir.resolve("users.properties"), "# deltasql users\nalice: alice-pw, writer\nbob: bob-pw, reader\n");
    }

    private static Connection connect(String url, String user, String password, Properties extra) throws SQLException {
        Properties p = new Properties();
        if (extra != null) {
            p.putAll(extra);
        }
        if (user != null) {
            p.setProperty("authentication", "BASIC");
            p.setProperty("avatica_user", user);
            p.setProperty("avatica_password", password);
        }
        return DriverManager.getConnection("jdbc:avatica:remote:url=" + url + ";serialization=protobuf", p);
    }

    @Test
    void usersRolesAndFailedLogins() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(),
                        "--users",
                        usersFile().toString(),
                        "--bind",
                        "0.0.0.0",
                        "--allow-plain-http-auth")) {
            assertThat(server.url()).startsWith("http://0.0.0.0:");
            String url = server.url().replace("0.0.0.0", "127.0.0.1");

            assertThatThrownBy(() -> {
                        try (Connection c = connect(url, null, null, null);
                                Statement s = c.createStatement()) {
                            s.executeQuery("SELECT * FROM delta.tables");
                        }
                    })
                    .hasMessageContaining("401");
            assertThatThrownBy(() -> {
                        try (Connection c = connect(url, "alice", "wrong-secret", null);
                                Statement s = c.createStatement()) {
                            s.executeQuery("SELECT * FROM delta.tables");
                        }
                    })
                    .hasMessageContaining("401");

            try (Connection writer = connect(url, "alice", "alice-pw", null);
                    Statement w = writer.createStatement();
                    Connection reader = connect(url, "bob", "bob-pw", null);
                    Statement r = reader.createStatement()) {
                w.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '"
                        + dir.resolve("t") + "', '" + Fixtures.SCHEMA + "')");
                w.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('a', 1)");
                assertThat(rows(r, "SELECT path FROM \"t$files\"")).containsExactly("a");
                for (String dml : new String[] {
                    "INSERT INTO \"t$files\"(path, size) VALUES ('b', 1)",
                    "DELETE FROM \"t$files\" WHERE path = 'a'",
                    "DELETE FROM delta.tables WHERE name = 't'",
                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('k', 'v')",
                    // Not supported for anyone: a reader is told about the permission first.
                    "UPDATE delta.tables SET location = '/elsewhere' WHERE name = 't'",
                    "UPDATE \"t$files\" SET size = 2",
                    "DELETE FROM \"t$history\"",
                    "/* a comment */ INSERT INTO \"t$partitions\"(num_files) VALUES (1)"
                }) {
                    assertThatThrownBy(() -> r.executeUpdate(dml))
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("read-only")
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                    .as(dml)
                                    .isEqualTo("42501"));
                }
                assertThat(rows(r, "SELECT version FROM delta.tables")).containsExactly("1");
                assertThat(rows(r, "SELECT path FROM \"t$files\"")).containsExactly("a");
            }

            TimeUnit.MILLISECONDS.sleep(200);
            assertThat(server.output())
                    .contains("failed login for user 'alice'")
                    .doesNotContain("wrong-secret")
                    .doesNotContain("alice-pw");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).as("no details without credentials").isEqualTo("{\"status\":\"UP\"}");
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("deltasql_requests_seconds{quantile=\"0.99\"}")
                    .contains("deltasql_commits_total 2.0")
                    .contains("deltasql_failed_logins_total 1.0")
                    .contains("deltasql_cache_hit_ratio{cache=\"file_lists\"}")
                    .contains("deltasql_pool_connections{state=\"active\"}")
                    .contains("deltasql_mirror_pending_versions 0.0")
                    .doesNotContain(cat.jdbcUrl().substring(cat.jdbcUrl().lastIndexOf('/') + 1));
        }
    }

    @Test
    void withoutUsersTheServerListensOnLoopbackOnlyAndSaysSo() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--bind", "0.0.0.0")) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            assertThat(server.output()).contains("no --users file: listening on 127.0.0.1 only");
        }
    }

    @Test
    void tlsHandshakeWithATestKeystore() throws Exception {
        Path keystore = TestKeystores.selfSigned(dir.resolve("server.p12"), "test-pass");
        Properties tls = new Properties();
        tls.setProperty("truststore", keystore.toString());
        tls.setProperty("truststore_password", "test-pass");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (ServerProcess server = ServerProcess.start(
                    cat.jdbcUrl(), "--keystore", keystore.toString(), "--keystore-password", "test-pass")) {
                assertThat(server.url()).startsWith("https://127.0.0.1:");
                assertThat(server.output()).contains("--keystore-password is visible to other local accounts");
                try (Connection c = connect(server.url(), null, null, tls);
                        Statement s = c.createStatement()) {
                    assertThat(rows(s, "SELECT count(*) FROM delta.tables")).containsExactly("0");
                }
            }

            Path passwordFile = PrivateFiles.write(dir.resolve("keystore-password"), "test-pass\n");
            try (ServerProcess server = ServerProcess.start(
                            cat.jdbcUrl(),
                            "--keystore",
                            keystore.toString(),
                            "--keystore-password-file",
                            passwordFile.toString());
                    Connection c = connect(server.url(), null, null, tls);
                    Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT count(*) FROM delta.tables"))
                        .as("password from a file")
                        .containsExactly("0");
                assertThat(server.output())
                        .doesNotContain("test-pass")
                        .doesNotContain("visible to other local accounts");
            }
            try (ServerProcess server = ServerProcess.start(
                            Map.of("DELTASQL_KEYSTORE_PASSWORD", "test-pass"),
                            cat.jdbcUrl(),
                            "--keystore",
                            keystore.toString());
                    Connection c = connect(server.url(), null, null, tls);
                    Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT count(*) FROM delta.tables"))
                        .as("password from the environment")
                        .containsExactly("0");
            }

            CliProcess.Result missing = CliProcess.run(
                    "server",
                    "--port",
                    "0",
                    "--catalog",
                    cat.jdbcUrl(),
                    "--keystore",
                    keystore.toString(),
                    "--keystore-password-file",
                    dir.resolve("nope").toString());
            assertThat(missing.status()).isNotZero();
            assertThat(missing.output())
                    .contains("deltasql server: --keystore-password-file " + dir.resolve("nope") + ": no such file")
                    .doesNotContain("deltasql server ready");
            Files.writeString(passwordFile, "wrong-pass\n");
            CliProcess.Result wrong = CliProcess.run(
                    "server",
                    "--port",
                    "0",
                    "--catalog",
                    cat.jdbcUrl(),
                    "--keystore",
                    keystore.toString(),
                    "--keystore-password-file",
                    passwordFile.toString());
            assertThat(wrong.status()).as(wrong.output()).isNotZero();
            assertThat(wrong.output()).doesNotContain("wrong-pass").doesNotContain("deltasql server ready");
        }
    }

    @Test
    void preloadWarmsTheSnapshotCacheAtStartAndRefusesUnknownTables() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result created = CliProcess.run(
                    "sql",
                    "--catalog",
                    cat.jdbcUrl(),
                    "-e",
                    "INSERT INTO delta.tables(name, location, schema_string) VALUES ('warm', '" + dir.resolve("warm")
                            + "', '" + Fixtures.SCHEMA
                            + "'); INSERT INTO \"warm$files\"(path, size) VALUES ('a', 1), ('b', 2)");
            assertThat(created.status()).as(created.output()).isZero();

            try (ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--preload", "warm");
                    Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url());
                    Statement s = c.createStatement()) {
                assertThat(server.output()).contains("preloaded 1 table(s) into the snapshot cache: [warm]");
                assertThat(rows(s, "SELECT size FROM sys.cache WHERE name = 'file_lists'"))
                        .as("cached before any query")
                        .containsExactly("1");
            }

            CliProcess.Result unknown =
                    CliProcess.run("server", "--port", "0", "--catalog", cat.jdbcUrl(), "--preload", "nope");
            assertThat(unknown.status()).isNotZero();
            assertThat(unknown.output()).contains("nope").doesNotContain("deltasql server ready");
        }
    }

    @Test
    void sigtermStopsGracefully() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            ServerProcess server = ServerProcess.start(cat.jdbcUrl());
            // Not closed: the server is gone by then, and a client's close would only fail to reach it.
            Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url());
            Statement s = c.createStatement();
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '" + dir.resolve("t")
                    + "', '" + Fixtures.SCHEMA + "')");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('staged', 1)");
            int status = server.terminate();
            assertThat(status).isIn(0, 143);
            assertThatThrownBy(c::commit)
                    .as("the staged work died with the server")
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
            assertThat(server.output()).as("exit status %d", status).contains("deltasql server stopped");
            try (Connection local = DriverManager.getConnection(
                            "jdbc:deltasql:" + cat.jdbcUrl().substring(5));
                    Statement check = local.createStatement()) {
                assertThat(rows(check, "SELECT version FROM delta.tables"))
                        .as("uncommitted work was discarded")
                        .containsExactly("0");
            }
        }
    }
}
