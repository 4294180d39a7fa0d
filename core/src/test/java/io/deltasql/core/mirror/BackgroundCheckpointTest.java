package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.engine.Engine;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.internal.mirror.LogFiles;
import io.deltasql.core.internal.mirror.MirrorWriter;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.testing.CatalogTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints after a commit are written on a background thread: the commit does not wait for
 * them, Kernel reads them, closing the catalog waits for them, and one that failed is written by
 * the reconciler.
 */
class BackgroundCheckpointTest {

    /** Kernel's checkpointer, held back until the test opens the gate. */
    private static final class GatedCheckpointer implements Checkpointer {
        final CountDownLatch gate = new CountDownLatch(1);
        private final Checkpointer kernel = Checkpointer.kernel();

        @Override
        public void checkpoint(Engine engine, String tableDirectory, long version) throws Exception {
            if (!gate.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            kernel.checkpoint(engine, tableDirectory, version);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aCommitReturnsBeforeItsCheckpointWhichKernelThenReads(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("events");
        Path log = location.resolve("_delta_log");
        GatedCheckpointer checkpointer = new GatedCheckpointer();
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog, LogFiles.local(), checkpointer);
            DeltaLogMirror mirror = DeltaLogMirror.install(writer);
            catalog.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "2")));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=us/b.parquet", "us")); // 2: checkpoint due, held back
            // The commit returned with its JSON in the log while its checkpoint cannot have been written.
            assertMirrored(catalog, "events", location, 2);
            assertThat(TableLocations.checkpointFile(log, 2)).doesNotExist();

            checkpointer.gate.countDown();
            mirror.awaitIdle();
            assertThat(TableLocations.checkpointFile(log, 2)).exists();
            JsonNode last = ActionCodec.mapper().readTree(Files.readString(log.resolve("_last_checkpoint")));
            assertThat(last.get("version").asLong()).isEqualTo(2);
            assertKernelAgreesAtEveryVersion(catalog, "events", location);

            // The checkpoint alone carries the table.
            Path truncated = dir.resolve("truncated");
            Files.createDirectories(truncated.resolve("_delta_log"));
            for (String name : List.of(
                    "00000000000000000002.checkpoint.parquet", "00000000000000000002.json", "_last_checkpoint")) {
                Files.copy(log.resolve(name), truncated.resolve("_delta_log").resolve(name));
            }
            assertThat(KernelOracle.read(KernelOracle.engine(), truncated, 2))
                    .isEqualTo(KernelOracle.of(catalog.snapshotAt("events", 2)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aFailedBackgroundCheckpointIsWrittenByTheReconciler(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        Path log = location.resolve("_delta_log");
        AtomicBoolean failing = new AtomicBoolean(true);
        Checkpointer kernel = Checkpointer.kernel();
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog, LogFiles.local(), (engine, tableDir, version) -> {
                if (failing.get()) {
                    throw new IOException("injected checkpoint failure");
                }
                kernel.checkpoint(engine, tableDir, version);
            });
            DeltaLogMirror mirror = DeltaLogMirror.install(writer);
            catalog.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "2")));
            for (int i = 1; i <= 5; i++) {
                commit(catalog, "events", add("region=eu/f" + i + ".parquet", "eu"));
            }
            mirror.awaitIdle();
            assertThat(TableLocations.checkpointFile(log, 2)).doesNotExist();
            assertThat(TableLocations.checkpointFile(log, 4)).doesNotExist();
            assertThat(catalog.mirrorStatus("events").pending())
                    .as("a failed checkpoint loses no commit")
                    .isEmpty();

            failing.set(false);
            try (MirrorReconciler reconciler = new MirrorReconciler(writer)) {
                assertThat(reconciler.reconcile()).isZero();
            }
            assertThat(TableLocations.checkpointFile(log, 4))
                    .as("the latest due checkpoint")
                    .exists();
            assertThat(TableLocations.checkpointFile(log, 2))
                    .as("older ones are not needed")
                    .doesNotExist();
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void closeWaitsForRunningAndQueuedCheckpointsAndRecordsEveryVersion(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("events");
        Path log = location.resolve("_delta_log");
        GatedCheckpointer checkpointer = new GatedCheckpointer();
        try (var db = target.create()) {
            DeltaCatalog catalog = db.open();
            DeltaLogMirror.install(new MirrorWriter(catalog, LogFiles.local(), checkpointer));
            catalog.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "2")));
            for (int i = 1; i <= 6; i++) {
                commit(
                        catalog,
                        "events",
                        add("region=eu/f" + i + ".parquet", "eu")); // checkpoints 2 (held), 4, 6 queued
            }
            Thread closer = new Thread(catalog::close, "closer");
            closer.start();
            checkpointer.gate.countDown(); // whenever close gets there, it waits for the running and the queued ones
            closer.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(closer.isAlive()).as("close returned").isFalse();
            for (long v : List.of(2L, 4L, 6L)) {
                assertThat(TableLocations.checkpointFile(log, v))
                        .as("checkpoint %d", v)
                        .exists();
            }

            try (DeltaCatalog reopened = db.open()) {
                assertThat(reopened.mirrorStatus("events").pending())
                        .as("every written version was recorded on close")
                        .isEmpty();
                assertThat(reopened.mirrorStatus("events").mirroredVersion()).isEqualTo(6);
                assertKernelAgreesAtEveryVersion(reopened, "events", location);
            }
        }
    }
}
