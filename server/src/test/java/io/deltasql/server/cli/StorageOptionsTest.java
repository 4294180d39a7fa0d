package io.deltasql.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CatalogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Object-store settings on every command: --conf key=value (repeatable) and --conf-file. */
class StorageOptionsTest {
    @TempDir
    Path dir;

    private static CatalogOptions importOptions(String... args) {
        ImportCommand command = new ImportCommand();
        new CommandLine(command).parseArgs(args);
        return command.catalogOptions;
    }

    @Test
    void settingsFromAFileAndTheCommandLineReachTheCatalogAndTheServer() throws Exception {
        Path file = Files.writeString(
                dir.resolve("s3.properties"),
                "fs.s3a.endpoint=http://file-endpoint:9000\nfs.s3a.access.key=AKFILE\nfs.s3a.secret.key=from-file\n");
        CatalogOptions options = importOptions(
                "s3://bucket/t",
                "--conf-file",
                file.toString(),
                "--conf",
                "fs.s3a.endpoint=http://127.0.0.1:9000",
                "--conf",
                "fs.s3a.path.style.access=true");

        CatalogConfig config = options.config().build();
        assertThat(config.storageSettings())
                .as("--conf wins over the file")
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "fs.s3a.endpoint", "http://127.0.0.1:9000",
                        "fs.s3a.access.key", "AKFILE",
                        "fs.s3a.secret.key", "from-file",
                        "fs.s3a.path.style.access", "true"));
        assertThat(options.settings().getProperty("fs.s3a.secret.key")).isEqualTo("from-file");
        assertThat(config.toString()).doesNotContain("from-file").doesNotContain("AKFILE");
    }

    @Test
    void aKeyThatIsNoStoreSettingAndAMissingFileAreClearErrors() {
        DeltaSqlCliTest.Run wrongKey = DeltaSqlCliTest.run(
                "verify", "t", "--catalog", "jdbc:sqlite:" + dir.resolve("c.db"), "--conf", "spark.executor.memory=4g");
        assertThat(wrongKey.status()).isNotZero();
        assertThat(wrongKey.err())
                .contains("--conf spark.executor.memory")
                .contains("fs.s3a.*")
                .contains("fs.azure.*");
        assertThat(dir.resolve("c.db")).doesNotExist();

        DeltaSqlCliTest.Run missing = DeltaSqlCliTest.run(
                "verify",
                "t",
                "--catalog",
                "jdbc:sqlite:" + dir.resolve("c.db"),
                "--conf-file",
                dir.resolve("nope.properties").toString());
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err()).contains("--conf-file " + dir.resolve("nope.properties"));
    }
}
