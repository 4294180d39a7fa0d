package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line prints, run as a user runs it: its own lines, without the libraries' chatter unless --verbose. */
class CliOutputTest {
    @TempDir
    Path dir;

    /** A partitioned table of 6 versions with a Parquet checkpoint at version 4, mirrored to its _delta_log. */
    private void tableWithACheckpoint(CatalogTarget.TestCatalog cat, Path location) throws InterruptedException {
        try (DeltaCatalog catalog = DeltaCatalog.open(cat.config().build())) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest(
                    "events",
                    location.toString(),
                    Fixtures.SCHEMA,
                    List.of("region"),
                    Map.of("delta.checkpointInterval", "4")));
            for (int v = 0; v < 5; v++) {
                String region = v % 2 == 0 ? "eu" : "us";
                catalog.commit(CommitRequest.builder("events", v)
                        .add(new AddFile(
                                "region=" + region + "/part-" + v + ".parquet",
                                Map.of("region", region),
                                100,
                                1,
                                true,
                                null))
                        .build());
            }
            mirror.awaitIdle();
        }
    }

    @Test
    void verifyPrintsItsReportAndNoLibraryMessages() throws Exception {
        Path location = dir.resolve("events");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            tableWithACheckpoint(cat, location);
            assertThat(location.resolve("_delta_log/00000000000000000004.checkpoint.parquet"))
                    .exists();

            CliProcess.Result quiet = CliProcess.run("verify", "events", "--all-versions", "--catalog", cat.jdbcUrl());
            assertThat(quiet.status()).as(quiet.output()).isZero();
            assertThat(quiet.stdout().strip())
                    .isEqualTo("Delta table 'events' at " + location
                            + ": the catalog and the _delta_log agree at versions 0 to 5");
            assertThat(quiet.stderr()).isEmpty();

            CliProcess.Result verbose =
                    CliProcess.run("verify", "events", "--all-versions", "--verbose", "--catalog", cat.jdbcUrl());
            assertThat(verbose.status()).as(verbose.output()).isZero();
            assertThat(verbose.stdout()).isEqualTo(quiet.stdout());
            assertThat(verbose.stderr())
                    .as("--verbose lets the libraries' INFO through (Parquet reading the checkpoint)")
                    .contains("INFO InternalParquetRecordReader");
            CliProcess.Result globalVerbose =
                    CliProcess.run("--verbose", "verify", "events", "--catalog", cat.jdbcUrl());
            assertThat(globalVerbose.status()).as(globalVerbose.output()).isZero();
            assertThat(globalVerbose.stderr()).contains("INFO ");
        }
    }

    @Test
    void helpAndUnknownOptionsOfARealCommandLine() throws Exception {
        CliProcess.Result help = CliProcess.run("server", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.stdout()).startsWith("Usage: deltasql server").contains("--keystore-password-file");
        assertThat(help.stderr()).isEmpty();

        CliProcess.Result unknown = CliProcess.run("server", "--nope");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderrLines().get(0)).isEqualTo("Unknown option: '--nope'");
        assertThat(unknown.stderr()).contains("Usage: deltasql server");
    }

    @Test
    void aFailingCommandIsOneLineOnStderr() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result missing = CliProcess.run("verify", "nosuch", "--catalog", cat.jdbcUrl());
            assertThat(missing.status()).isNotZero();
            assertThat(missing.stdout()).isEmpty();
            assertThat(missing.stderrLines())
                    .singleElement()
                    .asString()
                    .startsWith("deltasql verify: ")
                    .contains("'nosuch'");
        }
    }
}
