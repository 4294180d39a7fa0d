package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.commitFile;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.deltasql.core.CommitResult;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.internal.mirror.LogFiles;
import io.deltasql.core.internal.mirror.MirrorWriter;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A mirror that cannot write never affects commits; the versions stay pending with their error until the reconciler completes them. */
class MirrorFaultTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void failedWritesStayPendingAndTheReconcilerConverges(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        FaultyLogFiles files = new FaultyLogFiles();
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog, files, Checkpointer.kernel());
            DeltaLogMirror.install(writer);
            catalog.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "3")));
            commit(catalog, "events", add("region=eu/a.parquet", "eu")); // 1

            files.fault = FaultyLogFiles.Fault.BEFORE_WRITE;
            CommitResult v2 = commit(catalog, "events", add("region=us/b.parquet", "us"));
            CommitResult v3 = commit(catalog, "events", remove("region=eu/a.parquet"));
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v3.version()).isEqualTo(3);
            // The commits are visible in the catalog...
            assertThat(catalog.snapshot("events").version()).isEqualTo(3);
            assertThat(catalog.snapshot("events").files())
                    .extracting(f -> f.path())
                    .containsExactly("region=us/b.parquet");
            // ...and pending in the mirror, with why.
            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.mirroredVersion()).isEqualTo(1);
            assertThat(status.pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(2L, 3L);
            assertThat(status.pending().get(0).lastError())
                    .contains("No space left on device")
                    .contains("00000000000000000002.json");
            assertThat(status.pending().get(1).lastError()).contains("waiting for version 2");
            assertThat(catalog.pendingMirrors())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(2L, 3L);
            assertThat(commitFile(location, 2)).doesNotExist();
            assertThat(commitFile(location, 3)).doesNotExist();
            assertThat(writer.write("events", 3)).isEqualTo(MirrorWriter.Outcome.OUT_OF_ORDER);

            // Still failing: the reconciler records the error again and writes nothing out of order.
            MirrorReconciler reconciler = new MirrorReconciler(writer);
            assertThat(reconciler.reconcile()).isZero();
            assertThat(commitFile(location, 3)).doesNotExist();

            files.fault = FaultyLogFiles.Fault.NONE;
            assertThat(reconciler.reconcile()).isEqualTo(2);
            status = catalog.mirrorStatus("events");
            assertThat(status.pending()).isEmpty();
            assertThat(status.mirroredVersion()).isEqualTo(3);
            assertThat(catalog.pendingMirrors()).isEmpty();
            assertMirrored(catalog, "events", location, 2);
            assertMirrored(catalog, "events", location, 3);
            assertThat(TableLocations.checkpointFile(location.resolve("_delta_log"), 3))
                    .exists();
            assertThat(reconciler.reconcile()).isZero();

            commit(catalog, "events", add("region=eu/c.parquet", "eu"));
            assertThat(catalog.mirrorStatus("events").mirroredVersion()).isEqualTo(4);
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aWriteWhoseOutcomeWasLostIsRecognisedAsOurs(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        FaultyLogFiles files = new FaultyLogFiles();
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog, files, Checkpointer.kernel());
            DeltaLogMirror.install(writer);
            catalog.createTable(partitioned("events", location, Map.of()));
            files.fault = FaultyLogFiles.Fault.AFTER_WRITE;
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            assertThat(catalog.mirrorStatus("events").pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(1L);
            assertMirrored(catalog, "events", location, 1);

            files.fault = FaultyLogFiles.Fault.NONE;
            assertThat(new MirrorReconciler(writer).reconcile()).isEqualTo(1);
            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.pending()).isEmpty();
            assertThat(status.blocked())
                    .as("identical content is not an outside writer")
                    .isFalse();
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aLogDirectoryThatCannotBeCreatedIsARealFault(CatalogTarget target, @TempDir Path dir) throws Exception {
        // Works as root too: no permission stops root, but a file where the directory should be does.
        Path location = dir.resolve("events");
        Files.createDirectories(location);
        Files.writeString(location.resolve("_delta_log"), "not a directory");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.mirroredVersion()).isEqualTo(-1);
            assertThat(status.pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(0L, 1L);
            assertThat(status.pending().get(0).lastError())
                    .contains("_delta_log")
                    .contains("not a directory");

            Files.delete(location.resolve("_delta_log"));
            assertThat(new MirrorReconciler(catalog).reconcile()).isEqualTo(2);
            assertThat(catalog.mirrorStatus("events").pending()).isEmpty();
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aReadOnlyLogDirectoryKeepsVersionsPending(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of()));
            Path log = location.resolve("_delta_log");
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                assumeFalse(
                        Files.isWritable(log),
                        "running as root: permissions do not stop writes (the other fault tests cover this)");
                commit(catalog, "events", add("region=eu/a.parquet", "eu"));
                assertThat(catalog.mirrorStatus("events").pending())
                        .singleElement()
                        .satisfies(p -> assertThat(p.lastError()).contains("AccessDenied"));
            } finally {
                Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            assertThat(new MirrorReconciler(catalog).reconcile()).isEqualTo(1);
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aFailedCheckpointLosesNothing(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        AtomicInteger attempts = new AtomicInteger();
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog, LogFiles.local(), (engine, tableDir, version) -> {
                attempts.incrementAndGet();
                throw new IOException("injected checkpoint failure");
            });
            DeltaLogMirror.install(writer);
            catalog.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "2")));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=eu/b.parquet", "eu"));
            commit(catalog, "events", add("region=eu/c.parquet", "eu"));
            writer.awaitIdle(); // checkpoints are written in the background
            assertThat(attempts).hasValue(1);
            assertThat(catalog.mirrorStatus("events").pending()).isEmpty();
            assertThat(catalog.mirrorStatus("events").mirroredVersion()).isEqualTo(3);
            assertThat(TableLocations.checkpointFile(location.resolve("_delta_log"), 2))
                    .doesNotExist();
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void locationsNoStoreServesAreRefusedAtCreate(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            String before = CatalogDump.of(db.jdbcUrl());
            assertThatThrownBy(() -> catalog.createTable(
                            new CreateTableRequest("remote", "gs://bucket/tables/remote", Fixtures.SCHEMA)))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("22023"))
                    .hasMessageContaining("remote")
                    .hasMessageContaining("gs:")
                    .hasMessageContaining("s3:");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(catalog.pendingMirrors()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theBackgroundReconcilerMirrorsCommitsMadeWithoutAMirror(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            assertThat(catalog.pendingMirrors()).hasSize(2);
            try (MirrorReconciler reconciler = new MirrorReconciler(catalog).start(Duration.ofMillis(50))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!catalog.pendingMirrors().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            assertThat(catalog.pendingMirrors()).isEmpty();
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }
}
