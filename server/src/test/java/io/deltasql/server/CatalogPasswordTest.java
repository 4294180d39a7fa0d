package io.deltasql.server;

import static io.deltasql.server.RemoteSqlTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog database's password from {@code --catalog-password-file} or
 * {@code $DELTASQL_CATALOG_PASSWORD}, against a PostgreSQL that checks it: embedded PostgreSQL with
 * scram-sha-256 for the catalog's user (its superuser keeps local trust for the set-up).
 */
class CatalogPasswordTest {
    private static final String PASSWORD = "Catalog-Pw-5521";

    @TempDir
    Path dir;

    private static void requirePasswordFor(File dataDir, String user) {
        Path hba = dataDir.toPath().resolve("pg_hba.conf");
        try {
            Files.writeString(
                    hba,
                    "host all " + user + " 127.0.0.1/32 scram-sha-256\nhost all " + user + " ::1/128 scram-sha-256\n"
                            + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCatalogPasswordComesFromAFileOrTheEnvironment() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(d -> requirePasswordFor(d, "deltasql"))
                .start()) {
            try (Connection admin = pg.getPostgresDatabase().getConnection();
                    Statement s = admin.createStatement()) {
                s.execute("CREATE USER deltasql PASSWORD '" + PASSWORD + "'");
                s.execute("CREATE DATABASE lake OWNER deltasql");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/lake?user=deltasql";
            Path passwordFile = PrivateFiles.write(dir.resolve("catalog-password"), PASSWORD + "\n");

            CliProcess.Result withFile = CliProcess.run(
                    "sql",
                    "--catalog",
                    url,
                    "--catalog-password-file",
                    passwordFile.toString(),
                    "--output-format",
                    "csv",
                    "-e",
                    "SELECT count(*) AS n FROM delta.tables");
            assertThat(withFile.status()).as(withFile.output()).isZero();
            assertThat(withFile.output()).contains("'0'").doesNotContain(PASSWORD);

            try (ServerProcess server = ServerProcess.start(Map.of("DELTASQL_CATALOG_PASSWORD", PASSWORD), url);
                    Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url());
                    Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT count(*) FROM delta.tables")).containsExactly("0");
                assertThat(server.output()).doesNotContain(PASSWORD);
            }

            CliProcess.Result without = CliProcess.run("verify", "t", "--catalog", url);
            assertThat(without.status()).isNotZero();
            assertThat(without.output()).contains("no password was provided");
            Files.writeString(passwordFile, "not-" + PASSWORD + "\n");
            CliProcess.Result wrong =
                    CliProcess.run("verify", "t", "--catalog", url, "--catalog-password-file", passwordFile.toString());
            assertThat(wrong.status()).isNotZero();
            assertThat(wrong.output())
                    .contains("password authentication failed")
                    .doesNotContain(PASSWORD);
        }
    }
}
