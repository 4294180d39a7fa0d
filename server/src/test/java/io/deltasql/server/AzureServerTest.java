package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.testing.stores.AzuriteTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose tables live on Azure (a real Azure Blob server, Azurite): SQL creates and commits
 * there through the remote driver, the mirror writes the log to the container, {@code bin/deltasql
 * verify} reads it back with Delta Kernel, the log is imported from the container by the command
 * line, and the account key never shows in what the server prints or serves.
 */
class AzureServerTest {
    @TempDir
    Path dir;

    @Test
    void sqlCommitsThroughTheServerAreMirroredToAzure() throws Exception {
        AzuriteTestServer azurite = AzuriteTestServer.shared();
        String container =
                "srv-" + UUID.randomUUID().toString().substring(0, 12).toLowerCase(Locale.ROOT);
        azurite.createContainer(container);
        String account = azurite.accountName();
        Path secrets = Files.writeString(
                dir.resolve("azure.properties"),
                "fs.azure.account.key." + account + ".dfs.core.windows.net=" + azurite.accountKey() + "\n");
        List<String> conf = List.of(
                "--conf-file",
                secrets.toString(),
                "--conf",
                "fs.azure.blob.endpoint." + account + "=" + azurite.blobEndpoint());
        String lake = "abfss://" + container + "@" + account + ".dfs.core.windows.net/lake";
        List<String> serverArgs = new ArrayList<>(List.of("--allowed-locations", lake));
        serverArgs.addAll(conf);
        String location = lake + "/clicks";
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (ServerProcess server = ServerProcess.start(cat.jdbcUrl(), serverArgs.toArray(String[]::new));
                    Connection c = RemoteSqlTest.deltasqlRemote(server, "protobuf");
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('clicks', '" + location
                        + "', '" + Fixtures.SCHEMA + "')");
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO \"clicks$files\"(path, size) VALUES ('a.parquet', 10), ('b.parquet', 20)");
                c.commit();
                s.executeUpdate("DELETE FROM \"clicks$files\" WHERE path = 'a.parquet'");
                c.commit();
                c.setAutoCommit(true);

                assertThat(RemoteSqlTest.rows(
                                s, "SELECT head_version, mirrored_version, pending_versions FROM sys.mirror"))
                        .containsExactly("2 | 2 | 0");
                assertThat(RemoteSqlTest.rows(s, "SELECT path FROM \"clicks$files\""))
                        .containsExactly("b.parquet");
                BlobContainerClient blobs =
                        azurite.clientBuilder().buildClient().getBlobContainerClient(container);
                List<String> names = new ArrayList<>();
                for (BlobItem b : blobs.listBlobs(new ListBlobsOptions().setPrefix("lake/clicks/"), null)) {
                    names.add(b.getName());
                }
                assertThat(names)
                        .containsExactly(
                                "lake/clicks/_delta_log/00000000000000000000.json",
                                "lake/clicks/_delta_log/00000000000000000001.json",
                                "lake/clicks/_delta_log/00000000000000000002.json");

                assertThat(RemoteSqlTest.rows(s, "SELECT location FROM delta.tables"))
                        .containsExactly(location);
                SecretsServed.assertNowhere(server, c, s, azurite.accountKey());
            }

            InProcessCli verified =
                    InProcessCli.run(conf, "verify", "clicks", "--all-versions", "--catalog", cat.jdbcUrl());
            assertThat(verified.status())
                    .as(verified.out() + "\n" + verified.err())
                    .isZero();
            assertThat(verified.out()).contains("versions 0 to 2").doesNotContain(azurite.accountKey());
            InProcessCli mirrored = InProcessCli.run(conf, "mirror", "--catalog", cat.jdbcUrl());
            assertThat(mirrored.status()).as(mirrored.err()).isZero();
        }
        // The same log imported from the container into another catalog, by the command line.
        try (CatalogTarget.TestCatalog other = CatalogTargets.SQLITE.create()) {
            InProcessCli imported =
                    InProcessCli.run(conf, "import", location, "--name", "again", "--catalog", other.jdbcUrl());
            assertThat(imported.status()).as(imported.err()).isZero();
            assertThat(imported.out())
                    .contains("imported table 'again' at version 2 (1 active files) from " + location);
            InProcessCli verified =
                    InProcessCli.run(conf, "verify", "again", "--all-versions", "--catalog", other.jdbcUrl());
            assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
        }
        // With a wrong key the command line says the location cannot be read, naming it, and registers nothing.
        try (CatalogTarget.TestCatalog other = CatalogTargets.SQLITE.create()) {
            String wrongKey =
                    Base64.getEncoder().encodeToString("not the account key".getBytes(StandardCharsets.UTF_8));
            InProcessCli refused = InProcessCli.run(
                    List.of(
                            "--conf",
                            "fs.azure.account.key." + account + ".dfs.core.windows.net=" + wrongKey,
                            "--conf",
                            "fs.azure.blob.endpoint." + account + "=" + azurite.blobEndpoint()),
                    "import",
                    location,
                    "--name",
                    "wrongkey",
                    "--catalog",
                    other.jdbcUrl());
            assertThat(refused.status()).isNotZero();
            assertThat(refused.err()).contains(location).doesNotContain(wrongKey);
            try (Connection c = DriverManager.getConnection(
                            "jdbc:deltasql:" + other.jdbcUrl().substring("jdbc:".length()));
                    Statement s = c.createStatement()) {
                assertThat(RemoteSqlTest.rows(s, "SELECT count(*) FROM delta.tables"))
                        .containsExactly("0");
            }
        }
    }
}
