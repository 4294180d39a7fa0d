package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.commitFile;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitListener;
import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.internal.mirror.MirrorWriter;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Written versions are recorded as mirrored only once their files are on disk, in batches; what a
 * crash leaves (written but unrecorded versions, incomplete files) stays pending and the
 * reconciler completes it.
 */
class DeferredMarksTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aVersionWhoseFileIsNotDurableStaysPendingUntilTheReconcilerRecordsIt(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("events");
        FaultyLogFiles files = new FaultyLogFiles();
        files.failForce = true;
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog, files, Checkpointer.kernel());
            DeltaLogMirror.install(writer);
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=us/b.parquet", "us"));
            // Readers see every version at once; none is recorded while its file cannot be forced to disk.
            for (long v = 0; v <= 2; v++) {
                assertMirrored(catalog, "events", location, v);
            }
            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(0L, 1L, 2L);
            assertThat(status.mirroredVersion()).isEqualTo(-1);

            files.failForce = false;
            assertThat(new MirrorReconciler(writer).reconcile())
                    .as("identical files found and recorded")
                    .isEqualTo(3);
            status = catalog.mirrorStatus("events");
            assertThat(status.pending()).isEmpty();
            assertThat(status.mirroredVersion()).isEqualTo(2);
            assertThat(status.blocked()).isFalse();

            commit(catalog, "events", add("region=eu/c.parquet", "eu"));
            assertThat(catalog.mirrorStatus("events").mirroredVersion()).isEqualTo(3);
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aReconcilerWithItsOwnWriterRecordsWhatTheInstalledMirrorWroteButHasNotRecorded(
            CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        FaultyLogFiles files = new FaultyLogFiles();
        files.failForce = true; // the installed mirror's marks stay queued: its flush cannot record them
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(new MirrorWriter(catalog, files, Checkpointer.kernel()));
            AtomicInteger listenerFlushes = new AtomicInteger();
            catalog.addCommitListener(new CommitListener() {
                @Override
                public void committed(List<CommitResult> results) {}

                @Override
                public void flush() {
                    listenerFlushes.incrementAndGet();
                }
            });
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=us/b.parquet", "us"));
            assertThat(catalog.mirrorLedger().pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(0L, 1L, 2L);
            List<byte[]> written = new ArrayList<>();
            for (long v = 0; v <= 2; v++) {
                written.add(Files.readAllBytes(commitFile(location, v)));
            }
            int flushesBefore = listenerFlushes.get();

            assertThat(new MirrorReconciler(catalog).reconcile())
                    .as("the installed mirror's files found identical and recorded")
                    .isEqualTo(3);
            assertThat(listenerFlushes.get())
                    .as("the reconciler reads the ledger, never flushing the catalog's listeners")
                    .isEqualTo(flushesBefore);
            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.pending()).isEmpty();
            assertThat(status.mirroredVersion()).isEqualTo(2);
            assertThat(status.blocked()).isFalse();
            for (long v = 0; v <= 2; v++) {
                assertThat(Files.readAllBytes(commitFile(location, v)))
                        .as("version %d not rewritten", v)
                        .isEqualTo(written.get((int) v));
            }
            files.failForce = false;
            commit(catalog, "events", add("region=eu/c.parquet", "eu"));
            assertThat(catalog.mirrorStatus("events").mirroredVersion()).isEqualTo(3);
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void incompleteFilesLeftByAMachineCrashAreRewrittenNotTakenForAnOutsideWriter(
            CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            // Committed, written, never forced to disk nor recorded: what a power cut leaves.
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=us/b.parquet", "us"));
            commit(catalog, "events", add("region=us/c.parquet", "us"));
            Files.createDirectories(location.resolve("_delta_log"));
            Files.writeString(commitFile(location, 0), String.join("\n", catalog.actionLines("events", 0)) + "\n");
            byte[] one = (String.join("\n", catalog.actionLines("events", 1)) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(commitFile(location, 1), Arrays.copyOf(one, one.length / 2)); // truncated
            Files.write(commitFile(location, 2), new byte[0]); // empty
            byte[] three =
                    (String.join("\n", catalog.actionLines("events", 3)) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] zeroTail = Arrays.copyOf(three, three.length);
            Arrays.fill(zeroTail, 40, zeroTail.length, (byte) 0); // unwritten blocks read as zeros
            Files.write(commitFile(location, 3), zeroTail);

            assertThat(new MirrorReconciler(catalog).reconcile()).isEqualTo(4);
            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.blocked()).isFalse();
            assertThat(status.pending()).isEmpty();
            for (long v = 0; v <= 3; v++) {
                assertMirrored(catalog, "events", location, v);
            }
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void recordingMarksChangesExactlyTheMarkedVersionsAcrossGaps(CatalogTarget target, @TempDir Path dir) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(partitioned("events", dir.resolve("events"), Map.of()));
            for (int i = 0; i < 7; i++) {
                commit(catalog, "events", add("region=eu/" + i + ".parquet", "eu"));
            }
            long id = catalog.table("events").id();
            // Runs 1-2 and 4-5 and a lone 7, given out of order and with a repeat; 0, 3 and 6 stay pending.
            catalog.markMirrored(Stream.of(5L, 1L, 4L, 2L, 7L, 4L)
                    .map(v -> new MirrorStatus.Mark(id, "events", v))
                    .toList());
            assertThat(catalog.mirrorStatus("events").pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(0L, 3L, 6L);
        }
    }
}
