package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.testing.stores.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A server whose tables live on S3 (a real S3 server): SQL creates and commits there through the
 * remote driver, the mirror writes the log to the bucket, {@code bin/deltasql verify} reads it back
 * with Delta Kernel, and the credentials never show in what the server prints or serves.
 */
class S3ServerTest {
    @TempDir
    Path dir;

    @Test
    void sqlCommitsThroughTheServerAreMirroredToS3() throws Exception {
        S3TestServer s3 = S3TestServer.shared();
        String bucket = "srv-" + UUID.randomUUID().toString().substring(0, 12).toLowerCase(Locale.ROOT);
        s3.createBucket(bucket);
        Path secrets = Files.writeString(
                dir.resolve("s3.properties"),
                "fs.s3a.access.key=" + s3.accessKey() + "\nfs.s3a.secret.key=" + s3.secretKey() + "\n");
        List<String> conf = List.of(
                "--conf-file",
                secrets.toString(),
                "--conf",
                "fs.s3a.endpoint=" + s3.endpoint(),
                "--conf",
                "fs.s3a.path.style.access=true",
                "--conf",
                "fs.s3a.endpoint.region=" + s3.region());
        List<String> serverArgs = new ArrayList<>(List.of("--allowed-locations", "s3://" + bucket + "/lake"));
        serverArgs.addAll(conf);
        String location = "s3://" + bucket + "/lake/clicks";
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (ServerProcess server = ServerProcess.start(cat.jdbcUrl(), serverArgs.toArray(String[]::new));
                    Connection c = RemoteSqlTest.deltasqlRemote(server, "protobuf");
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('clicks', '" + location
                        + "', '" + Fixtures.SCHEMA + "')");
                s.executeUpdate("INSERT INTO \"clicks$files\"(path, size) VALUES ('a.parquet', 10), ('b.parquet', 20)");
                s.executeUpdate("DELETE FROM \"clicks$files\" WHERE path = 'a.parquet'");

                assertThat(RemoteSqlTest.rows(
                                s, "SELECT head_version, mirrored_version, pending_versions FROM sys.mirror"))
                        .containsExactly("2 | 2 | 0");
                try (S3Client client = s3.clientBuilder().build()) {
                    List<String> keys = new ArrayList<>();
                    for (S3Object o : client.listObjectsV2Paginator(
                                    b -> b.bucket(bucket).prefix("lake/clicks/"))
                            .contents()) {
                        keys.add(o.key());
                    }
                    assertThat(keys)
                            .containsExactly(
                                    "lake/clicks/_delta_log/00000000000000000000.json",
                                    "lake/clicks/_delta_log/00000000000000000001.json",
                                    "lake/clicks/_delta_log/00000000000000000002.json");
                }

                SecretsServed.assertNowhere(server, c, s, s3.secretKey());
            }

            InProcessCli verified =
                    InProcessCli.run(conf, "verify", "clicks", "--all-versions", "--catalog", cat.jdbcUrl());
            assertThat(verified.status())
                    .as(verified.out() + "\n" + verified.err())
                    .isZero();
            assertThat(verified.out()).contains("versions 0 to 2").doesNotContain(s3.secretKey());
            assertThat(InProcessCli.run(conf, "mirror", "--catalog", cat.jdbcUrl())
                            .status())
                    .isZero();
        }
        // The same log imported from the bucket into another catalog, by the command line.
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
    }
}
