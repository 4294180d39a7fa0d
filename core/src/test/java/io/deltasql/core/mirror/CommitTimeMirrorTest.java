package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.commitFile;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.internal.mirror.MirrorWriter;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.TimeTravelOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every commit file the mirror writes has the commit's catalog time as modification time, the time
 * a Delta reader gives a commit of a table without in-commit timestamps: Delta Kernel's time travel
 * by timestamp then finds the version the catalog's does, at, just before and just after every
 * commit, whether the file was written right after the commit or caught up later.
 */
class CommitTimeMirrorTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void filesWrittenAtCommitCarryTheCommitTime(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "4")));
            for (int i = 1; i <= 6; i++) {
                commit(catalog, "events", add("region=eu/f" + i + ".parquet", "eu"));
            }
            commit(catalog, "events", remove("region=eu/f1.parquet"));
            mirror.awaitIdle();

            assertFileTimesAreCommitTimes(catalog, "events", location);
            // Probes at, just before and just after each of the 8 commits, deduplicated: commits 1 ms apart share them.
            assertThat(TimeTravelOracle.assertAgrees(
                            catalog, "events", location, TimeTravelOracle.kernel40(), List.of()))
                    .isGreaterThanOrEqualTo(10);
        }
    }

    /**
     * Versions committed while nothing mirrored them, written by the reconciler later: their files
     * still carry the commit times, and the reconciler's next passes neither rewrite nor block them.
     */
    @Test
    void filesCaughtUpLaterCarryTheCommitTime(@TempDir Path dir) throws Exception {
        Path location = dir.resolve("late");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(partitioned("late", location, Map.of()));
            for (int i = 1; i <= 4; i++) {
                commit(catalog, "late", add("region=us/f" + i + ".parquet", "us"));
            }
            Thread.sleep(30); // the files are written well after the commits, as a late reconciler writes them
            try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
                assertThat(reconciler.reconcile()).isEqualTo(5);
                assertFileTimesAreCommitTimes(catalog, "late", location);
                TimeTravelOracle.assertAgrees(catalog, "late", location, TimeTravelOracle.kernel40(), List.of());

                List<Long> times = fileTimes(location, 4);
                assertThat(reconciler.reconcile()).isZero();
                assertThat(catalog.mirrorStatus("late").blocked()).isFalse();
                assertThat(catalog.mirrorStatus("late").pending()).isEmpty();
                assertThat(fileTimes(location, 4)).isEqualTo(times);
                for (long v = 0; v <= 4; v++) {
                    assertMirrored(catalog, "late", location, v);
                }
            }
            // The next commit continues the log with its own time.
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            commit(catalog, "late", add("region=us/f5.parquet", "us"));
            mirror.awaitIdle();
            assertFileTimesAreCommitTimes(catalog, "late", location);
            TimeTravelOracle.assertAgrees(catalog, "late", location, TimeTravelOracle.kernel40(), List.of());
        }
    }

    /** A store that cannot take the time: the version is mirrored all the same (its lines are right), nothing is blocked. */
    @Test
    void aTimeThatCannotBeSetDoesNotStopTheMirror(@TempDir Path dir) throws Exception {
        Path location = dir.resolve("stubborn");
        FaultyLogFiles files = new FaultyLogFiles();
        files.failTimes = true;
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            MirrorWriter writer = new MirrorWriter(catalog, files, Checkpointer.kernel());
            DeltaLogMirror.install(writer);
            catalog.createTable(partitioned("stubborn", location, Map.of()));
            commit(catalog, "stubborn", add("region=eu/a.parquet", "eu"));
            writer.flush();
            assertThat(catalog.mirrorStatus("stubborn").pending()).isEmpty();
            assertThat(catalog.mirrorStatus("stubborn").blocked()).isFalse();
            assertThat(catalog.table("stubborn").headVersion()).isEqualTo(1);
            assertMirrored(catalog, "stubborn", location, 0);
            assertMirrored(catalog, "stubborn", location, 1);
        }
    }

    private static void assertFileTimesAreCommitTimes(DeltaCatalog catalog, String table, Path location)
            throws Exception {
        for (HistoryEntry h : catalog.history(table)) {
            assertThat(Files.getLastModifiedTime(commitFile(location, h.version()))
                            .toMillis())
                    .as("modification time of version %d of %s", h.version(), table)
                    .isEqualTo(h.timestamp());
        }
    }

    private static List<Long> fileTimes(Path location, long head) throws Exception {
        List<Long> times = new ArrayList<>();
        for (long v = 0; v <= head; v++) {
            times.add(Files.getLastModifiedTime(commitFile(location, v)).toMillis());
        }
        return times;
    }
}
