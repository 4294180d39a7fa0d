package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.commitFile;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.internal.mirror.LogFiles;
import io.deltasql.core.internal.mirror.MirrorWriter;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mirror cleans up after itself: a failed write leaves no temp file, the reconciler removes
 * temp files an interrupted process left, and a location that cannot be written is reported once
 * when it breaks and once when it is fixed, and shown as blocked meanwhile.
 */
class MirrorHygieneTest {
    @TempDir
    Path dir;

    private List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** An interrupted thread's channel write fails after the temp file exists: a real mid-write failure. */
    private static void interruptedDuring(ThrowingRunnable write) {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(write::run).isInstanceOf(IOException.class);
        } finally {
            Thread.interrupted();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aWriteFailingMidWayLeavesNoTempFile() throws Exception {
        Path log = Files.createDirectories(dir.resolve("existing/_delta_log"));
        Path target = TableLocations.commitFile(log, 0);
        interruptedDuring(() ->
                LogFiles.local().createExclusive(StorePath.of(target), "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(filesIn(log)).isEmpty();

        Path newLog = dir.resolve("new/_delta_log"); // the first version: the log directory is made on the way
        interruptedDuring(() -> LogFiles.local()
                .createExclusive(StorePath.of(TableLocations.commitFile(newLog, 0)), new byte[] {'{', '}'}));
        assertThat(filesIn(newLog)).isEmpty();

        Files.writeString(target, "{\"a\"");
        interruptedDuring(() -> LogFiles.local()
                .replaceIncomplete(StorePath.of(target), "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(filesIn(log)).containsExactly("00000000000000000000.json");
        assertThat(Files.readString(target)).isEqualTo("{\"a\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theReconcilerRemovesOnlyStaleMirrorTempFiles(CatalogTarget target) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog);
            DeltaLogMirror.install(writer);
            catalog.createTable(
                    new CreateTableRequest("events", location.toString(), Fixtures.SCHEMA, List.of(), Map.of()));
            commit(catalog, "events", add("a.parquet"));
            writer.awaitIdle();
            Path log = location.resolve("_delta_log");
            FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
            String stale = ".00000000000000000002.json." + UUID.randomUUID() + ".tmp";
            String fresh = ".00000000000000000003.json." + UUID.randomUUID() + ".tmp";
            for (String name : List.of(stale, fresh, ".notes.tmp", "notes." + UUID.randomUUID() + ".tmp")) {
                Files.writeString(log.resolve(name), "partial");
                if (!name.equals(fresh)) {
                    Files.setLastModifiedTime(log.resolve(name), hourAgo);
                }
            }
            List<String> before = filesIn(log);
            try (MirrorReconciler reconciler = new MirrorReconciler(writer)) {
                reconciler.reconcile();
            }
            assertThat(filesIn(log))
                    .doesNotContain(stale)
                    .contains(fresh, ".notes.tmp")
                    .hasSize(before.size() - 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void anUnwritableLocationIsReportedOncePerChangeAndShownAsBlocked(CatalogTarget target) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "a regular file, not a directory");
        Path location = notADirectory.resolve("events");
        String name = "unwritable_" + target.name().replace('-', '_');
        try (var db = target.create();
                DeltaCatalog catalog = db.open();
                CapturedLog captured = new CapturedLog()) {
            MirrorWriter writer = new MirrorWriter(catalog);
            DeltaLogMirror.install(writer);
            catalog.createTable(
                    new CreateTableRequest(name, location.toString(), Fixtures.SCHEMA, List.of(), Map.of()));
            commit(catalog, name, add("a.parquet")); // commits land whatever the mirror does
            try (MirrorReconciler reconciler = new MirrorReconciler(writer)) {
                reconciler.reconcile();
                reconciler.reconcile();
                MirrorStatus status = catalog.mirrorStatus(name);
                assertThat(status.headVersion()).isEqualTo(1);
                assertThat(status.pending())
                        .extracting(MirrorStatus.PendingVersion::version)
                        .containsExactly(0L, 1L);
                assertThat(status.mirrorBlockedReason())
                        .startsWith(MirrorStatus.LOCATION_BLOCKED)
                        .contains("Not a directory");
                assertThat(status.blocked()).as("commits are not refused").isFalse();
                assertThat(captured.linesWith("'" + name + "'", "cannot be written"))
                        .hasSize(1);

                Files.delete(notADirectory); // fixed: the directory can now be made
                reconciler.reconcile();
                reconciler.reconcile();
            }
            MirrorStatus status = catalog.mirrorStatus(name);
            assertThat(status.pending()).isEmpty();
            assertThat(status.mirrorBlockedReason()).isNull();
            assertThat(commitFile(location, 1)).exists();
            assertThat(captured.linesWith("'" + name + "'", "cannot be written"))
                    .hasSize(1);
            assertThat(captured.linesWith("'" + name + "'", "can be written again"))
                    .hasSize(1);
        }
    }

    /** What the logger (slf4j-simple, to System.err) prints while open; System.err still gets it all. */
    static final class CapturedLog implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        CapturedLog() {
            OutputStream tee = new OutputStream() {
                @Override
                public void write(int b) {
                    original.write(b);
                    synchronized (copy) {
                        copy.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    original.write(b, off, len);
                    synchronized (copy) {
                        copy.write(b, off, len);
                    }
                }
            };
            System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        }

        List<String> linesWith(String... fragments) {
            String text;
            synchronized (copy) {
                text = copy.toString(StandardCharsets.UTF_8);
            }
            return text.lines()
                    .filter(l -> Stream.of(fragments).allMatch(l::contains))
                    .toList();
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }
}
