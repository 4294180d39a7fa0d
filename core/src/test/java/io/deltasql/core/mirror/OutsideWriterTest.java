package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.commitFile;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A version in {@code _delta_log} that deltasql did not write blocks the table; the log file is never overwritten. */
class OutsideWriterTest {

    /** What another engine would append: a commitInfo and one add. */
    private static final String FOREIGN_COMMIT =
            "{\"commitInfo\":{\"timestamp\":1700000000000,\"operation\":\"WRITE\",\"engineInfo\":\"Apache-Spark/3.5\"}}\n"
                    + "{\"add\":{\"path\":\"region=eu/spark.parquet\",\"partitionValues\":{\"region\":\"eu\"},\"size\":999,"
                    + "\"modificationTime\":1700000000000,\"dataChange\":true}}\n";

    private static void assertCommitsRefused(CatalogTarget.TestCatalog db, DeltaCatalog catalog, String table) {
        String before = CatalogDump.of(db.jdbcUrl());
        assertThatThrownBy(() -> commit(catalog, table, add("region=us/refused.parquet", "us")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("55000"))
                .hasMessageContaining("'" + table + "'")
                .hasMessageContaining("does not accept commits")
                .hasMessageContaining("re-import");
        assertThat(CatalogDump.of(db.jdbcUrl()))
                .as("a refused commit changes nothing")
                .isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theReconcilerBlocksATableWithAVersionPastTheHead(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=us/b.parquet", "us"));
            // Sharing the mirror's writer, it records what the mirror wrote first: nothing is pending.
            // (A reconciler with a writer of its own finds those versions in the log and counts them:
            // DeferredMarksTest.)
            MirrorReconciler reconciler = new MirrorReconciler(mirror);
            assertThat(reconciler.reconcile()).isZero();
            assertThat(catalog.mirrorStatus("events").blocked()).isFalse();

            Files.writeString(commitFile(location, 3), FOREIGN_COMMIT, StandardCharsets.UTF_8);
            reconciler.reconcile();

            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.blocked()).isTrue();
            assertThat(status.blockedReason()).contains("version 3").contains("did not write");
            assertCommitsRefused(db, catalog, "events");
            assertThat(Files.readString(commitFile(location, 3))).isEqualTo(FOREIGN_COMMIT);
            assertThat(catalog.snapshot("events").version()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theMirrorBlocksATableWhenItsNextVersionWasWrittenByAnotherEngine(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            // Another engine commits version 2 to the log; deltasql then commits its own version 2.
            Files.writeString(commitFile(location, 2), FOREIGN_COMMIT, StandardCharsets.UTF_8);
            commit(catalog, "events", add("region=us/b.parquet", "us"));

            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.blocked()).isTrue();
            assertThat(status.blockedReason()).contains("version 2").contains("differs");
            assertThat(status.mirroredVersion()).isEqualTo(1);
            assertThat(status.pending()).singleElement().satisfies(p -> {
                assertThat(p.version()).isEqualTo(2);
                assertThat(p.lastError()).contains("another engine");
            });
            assertThat(Files.readString(commitFile(location, 2)))
                    .as("never overwritten")
                    .isEqualTo(FOREIGN_COMMIT);
            assertCommitsRefused(db, catalog, "events");
            // The reconciler does not write past the conflict either.
            assertThat(new MirrorReconciler(catalog).reconcile()).isZero();
            assertThat(Files.readString(commitFile(location, 2))).isEqualTo(FOREIGN_COMMIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theSameVersionWrittenByAnotherDeltasqlIsNotAnOutsideWriter(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog withoutMirror = db.open();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(withoutMirror, "events", add("region=eu/a.parquet", "eu"));
            // Another deltasql server mirrored version 1 but died before recording it.
            Files.writeString(commitFile(location, 1), String.join("\n", catalog.actionLines("events", 1)) + "\n");
            assertThat(catalog.mirrorStatus("events").pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(1L);

            assertThat(new MirrorReconciler(catalog).reconcile()).isEqualTo(1);
            assertThat(catalog.mirrorStatus("events").blocked()).isFalse();
            assertThat(catalog.mirrorStatus("events").pending()).isEmpty();
            commit(catalog, "events", add("region=us/b.parquet", "us"));
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aNewTableOverAnExistingLogIsRefusedOrBlockedNeverOverwritten(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("events");
        Files.createDirectories(location.resolve("_delta_log"));
        String existing = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n";
        Files.writeString(commitFile(location, 0), existing);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            String before = CatalogDump.of(db.jdbcUrl());
            assertThatThrownBy(() -> catalog.createTable(partitioned("events", location, Map.of())))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("bin/deltasql import");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(Files.readString(commitFile(location, 0))).isEqualTo(existing);
        }
        // A log that appears after the create was checked (another engine racing it) blocks the table.
        Path raced = dir.resolve("raced");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(partitioned("events", raced, Map.of())); // no mirror yet: version 0 stays pending
            Files.createDirectories(raced.resolve("_delta_log"));
            Files.writeString(commitFile(raced, 0), existing);
            try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
                reconciler.reconcile();
            }
            assertThat(catalog.mirrorStatus("events").blocked()).isTrue();
            assertThat(Files.readString(commitFile(raced, 0))).isEqualTo(existing);
            assertCommitsRefused(db, catalog, "events");
        }
    }
}
