package io.deltasql.core.storage;

import static io.deltasql.core.storage.S3TablesTest.commit;
import static io.deltasql.core.storage.S3TablesTest.events;
import static io.deltasql.core.storage.S3TablesTest.logKey;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.mirror.MirrorTiming;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.testing.stores.FaultProxy;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror writing each commit's log file right after the commit returns ({@code mirror=async}):
 * commits do not wait for the store, every version still reaches the log once and in order, a
 * version the store refuses stays pending for the reconciler, and closing the catalog writes what
 * was handed over.
 */
class MirrorAfterReturnTest {
    @TempDir
    Path dir;

    @Test
    void aCommitReturnsWhileTheStoreHoldsItsWriteAndTheLogCatchesUpInOrder() throws Exception {
        try (S3Tables s3 = new S3Tables();
                FaultProxy proxy = FaultProxy.start(s3.server.endpoint());
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(b -> s3.settings(proxy.endpoint().toString(), s3.server.secretKey())
                        .forEach(b::storageSetting))) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog, MirrorTiming.AFTER_RETURN);
            assertThat(mirror.timing()).isEqualTo(MirrorTiming.AFTER_RETURN);
            catalog.createTable(events(s3, Map.of()));
            mirror.awaitIdle();

            // Every request now waits 3 s at the proxy: a commit that waited for its PUT could not
            // return before the write, so the version is still pending when it does.
            proxy.delay(Duration.ofSeconds(3));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=eu/b.parquet", "eu"));
            assertThat(catalog.snapshot("events").version()).isEqualTo(2);
            assertThat(catalog.mirrorStatus("events").pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .contains(2L);
            proxy.pass();
            mirror.awaitIdle();

            MirrorStatus after = catalog.mirrorStatus("events");
            assertThat(after.pending()).isEmpty();
            assertThat(after.mirroredVersion()).isEqualTo(2);
            assertThat(s3.keys(logKey("events", "")))
                    .containsExactly(
                            logKey("events", "00000000000000000000.json"),
                            logKey("events", "00000000000000000001.json"),
                            logKey("events", "00000000000000000002.json"));
            VerifyReport report = new TableVerifier(catalog).verify("events", true);
            assertThat(report.differences()).as(report.render()).isEmpty();
        }
    }

    @Test
    void commitsFasterThanTheStoreWaitForRoomAndNeverLetTheLogFallFarBehind() throws Exception {
        try (S3Tables s3 = new S3Tables();
                FaultProxy proxy = FaultProxy.start(s3.server.endpoint());
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(b -> s3.settings(proxy.endpoint().toString(), s3.server.secretKey())
                        .forEach(b::storageSetting))) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog, MirrorTiming.AFTER_RETURN);
            catalog.createTable(events(s3, Map.of()));
            proxy.delay(Duration.ofMillis(15));
            int commits = 150;
            int mostBehind = 0;
            for (int i = 1; i <= commits; i++) {
                commit(catalog, "events", add("region=eu/f" + i + ".parquet", "eu"));
                mostBehind = Math.max(
                        mostBehind, catalog.mirrorStatus("events").pending().size());
            }
            // The publisher's backlog, the version it is writing, and the one just committed.
            assertThat(mostBehind).isLessThanOrEqualTo(102);
            proxy.pass();
            mirror.awaitIdle();
            assertThat(catalog.mirrorStatus("events").pending()).isEmpty();
            assertThat(s3.keys(logKey("events", "")))
                    .filteredOn(k -> k.matches(".*/\\d{20}\\.json"))
                    .hasSize(commits + 1);
            VerifyReport report = new TableVerifier(catalog).verify("events", true);
            assertThat(report.differences()).as(report.render()).isEmpty();
        }
    }

    @Test
    void versionsTheStoreRefusesStayPendingForTheReconciler() throws Exception {
        try (S3Tables s3 = new S3Tables();
                FaultProxy proxy = FaultProxy.start(s3.server.endpoint());
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(b -> s3.settings(proxy.endpoint().toString(), s3.server.secretKey())
                        .forEach(b::storageSetting))) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog, MirrorTiming.AFTER_RETURN);
            catalog.createTable(events(s3, Map.of()));
            mirror.awaitIdle();
            proxy.fail503();
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=eu/b.parquet", "eu"));
            mirror.awaitIdle();
            MirrorStatus down = catalog.mirrorStatus("events");
            assertThat(down.pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(1L, 2L);
            assertThat(down.pending().get(0).lastError()).contains("503");

            proxy.pass();
            assertThat(new MirrorReconciler(mirror).reconcile()).isEqualTo(2);
            assertThat(catalog.mirrorStatus("events").pending()).isEmpty();
            assertThat(new TableVerifier(catalog).verify("events", true).differences())
                    .isEmpty();
        }
    }

    @Test
    void multiTableCommitsAndManyVersionsOnLocalTablesAreAllWrittenOnceInOrder() throws Exception {
        for (CatalogTarget target : CatalogTargets.all().toList()) {
            Path root = Files.createDirectories(dir.resolve(target.toString()));
            try (var db = target.create();
                    DeltaCatalog catalog = db.open()) {
                DeltaLogMirror mirror = DeltaLogMirror.install(catalog, MirrorTiming.AFTER_RETURN);
                for (String t : List.of("a", "b")) {
                    catalog.createTable(new CreateTableRequest(
                            t, root.resolve(t).toString(), Fixtures.SCHEMA, List.of("region"), Map.of()));
                }
                for (int i = 0; i < 25; i++) {
                    var tx = catalog.beginTransaction();
                    for (String t : List.of("a", "b")) {
                        tx.stage(CommitRequest.builder(t, catalog.snapshot(t).version())
                                .add(add("region=eu/" + t + i + ".parquet", "eu"))
                                .build());
                    }
                    tx.commit();
                }
                mirror.awaitIdle();
                for (String t : List.of("a", "b")) {
                    assertThat(jsonCommits(root.resolve(t))).as(t).hasSize(26);
                    VerifyReport report = new TableVerifier(catalog).verify(t, true);
                    assertThat(report.differences()).as(report.render()).isEmpty();
                }
            }
        }
    }

    @Test
    void closingTheCatalogWritesWhatWasHandedToThePublisher() throws Exception {
        Path table = dir.resolve("closing");
        try (var db = CatalogTargets.SQLITE.create()) {
            try (DeltaCatalog catalog = db.open()) {
                DeltaLogMirror.install(catalog, MirrorTiming.AFTER_RETURN);
                catalog.createTable(new CreateTableRequest(
                        "closing", table.toString(), Fixtures.SCHEMA, List.of("region"), Map.of()));
                for (int i = 0; i < 20; i++) {
                    commit(catalog, "closing", add("region=eu/f" + i + ".parquet", "eu"));
                }
            }
            assertThat(jsonCommits(table)).hasSize(21);
            try (DeltaCatalog reopened = db.open()) {
                assertThat(reopened.mirrorStatus("closing").pending()).isEmpty();
                assertThat(new TableVerifier(reopened).verify("closing", true).differences())
                        .isEmpty();
            }
        }
    }

    @Test
    void theSettingNamesTheTiming() {
        assertThat(MirrorTiming.ofSetting(null)).contains(MirrorTiming.BEFORE_RETURN);
        assertThat(MirrorTiming.ofSetting("true")).contains(MirrorTiming.BEFORE_RETURN);
        assertThat(MirrorTiming.ofSetting("SYNC")).contains(MirrorTiming.BEFORE_RETURN);
        assertThat(MirrorTiming.ofSetting("async")).contains(MirrorTiming.AFTER_RETURN);
        assertThat(MirrorTiming.ofSetting("false")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> MirrorTiming.ofSetting("sometimes"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("22023"))
                .hasMessageContaining("mirror='sometimes'")
                .hasMessageContaining("async");
    }

    private static List<Path> jsonCommits(Path table) throws Exception {
        List<Path> commits = new ArrayList<>();
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                    .sorted()
                    .forEach(commits::add);
        }
        return commits;
    }
}
