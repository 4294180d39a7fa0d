package io.deltasql.core.storage;

import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.testing.stores.FaultProxy;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables on S3, against a real S3 server (s3proxy): create, commit, mirror with checkpoints,
 * outside writers, and Delta Kernel reading the mirrored log back from the store.
 */
class S3TablesTest {
    private static final String FOREIGN_COMMIT =
            "{\"commitInfo\":{\"timestamp\":1700000000000,\"operation\":\"WRITE\"}}\n"
                    + "{\"add\":{\"path\":\"region=eu/spark.parquet\",\"partitionValues\":{\"region\":\"eu\"},\"size\":999,"
                    + "\"modificationTime\":1700000000000,\"dataChange\":true}}\n";

    static CreateTableRequest events(S3Tables s3, Map<String, String> properties) {
        return new CreateTableRequest("events", s3.location("events"), Fixtures.SCHEMA, List.of("region"), properties);
    }

    static void commit(DeltaCatalog catalog, String table, Action... actions) {
        catalog.commit(CommitRequest.builder(table, catalog.snapshot(table).version())
                .addAll(List.of(actions))
                .build());
    }

    static String logKey(String table, String name) {
        return "tables/" + table + "/_delta_log/" + name;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void commitsAreMirroredToS3AndKernelReadsEveryVersionBack(CatalogTarget target) throws Exception {
        try (S3Tables s3 = new S3Tables();
                var db = target.create();
                DeltaCatalog catalog = db.open(s3::configure)) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(events(s3, Map.of("delta.checkpointInterval", "2")));
            for (int i = 1; i <= 4; i++) {
                commit(catalog, "events", add("region=eu/f" + i + ".parquet", "eu"));
            }
            commit(catalog, "events", Fixtures.remove("region=eu/f1.parquet"));
            mirror.awaitIdle(); // checkpoints are written in the background; an older one may be skipped

            assertThat(s3.keys("tables/events/"))
                    .contains(
                            logKey("events", "00000000000000000000.json"),
                            logKey("events", "00000000000000000005.json"),
                            logKey("events", "00000000000000000004.checkpoint.parquet"),
                            logKey("events", "_last_checkpoint"))
                    .noneMatch(k -> k.contains("probe") || k.endsWith(".tmp"));
            assertThat(s3.read(logKey("events", "_last_checkpoint")).orElseThrow())
                    .contains("\"version\":4");
            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.pending()).isEmpty();
            assertThat(status.mirroredVersion()).isEqualTo(5);

            VerifyReport report = new TableVerifier(catalog).verify("events", true);
            assertThat(report.differences()).as(report.render()).isEmpty();
        }
    }

    @Test
    void aCommitFileAnotherEngineWroteFirstIsNeverReplacedAndBlocksTheTable() throws Exception {
        try (S3Tables s3 = new S3Tables();
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(s3::configure)) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(events(s3, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            // Another engine commits version 2 straight to the store; deltasql then commits its own.
            s3.put(logKey("events", "00000000000000000002.json"), FOREIGN_COMMIT);
            commit(catalog, "events", add("region=us/b.parquet", "us"));

            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.blocked()).isTrue();
            assertThat(status.blockedReason()).contains("version 2").contains("differs");
            assertThat(s3.read(logKey("events", "00000000000000000002.json"))).contains(FOREIGN_COMMIT);
            String before = CatalogDump.of(db.jdbcUrl());
            assertThatThrownBy(() -> commit(catalog, "events", add("region=us/c.parquet", "us")))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("55000"));
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
        }
    }

    @Test
    void theReconcilerBlocksATableWhoseLogGrewPastTheHeadOnS3() throws Exception {
        try (S3Tables s3 = new S3Tables();
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(s3::configure)) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(events(s3, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            MirrorReconciler reconciler = new MirrorReconciler(mirror);
            assertThat(reconciler.reconcile()).isZero();

            s3.put(logKey("events", "00000000000000000002.json"), FOREIGN_COMMIT);
            reconciler.reconcile();

            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.blocked()).isTrue();
            assertThat(status.blockedReason()).contains("version 2").contains("did not write");
        }
    }

    @Test
    void aTableImportedFromS3HasTheHistoryKernelReadsThere() throws Exception {
        try (S3Tables s3 = new S3Tables();
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(s3::configure)) {
            // Written by deltasql's mirror to the store, then imported from it into a second name.
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(events(s3, Map.of("delta.checkpointInterval", "3")));
            for (int i = 1; i <= 7; i++) {
                commit(catalog, "events", add("region=us/f" + i + ".parquet", "us"));
            }
            mirror.awaitIdle();
            catalog.dropTable("events");

            new DeltaLogImporter(catalog).importTable(s3.location("events"), "again", ImportProgress.NONE);
            assertThat(catalog.table("again").location()).isEqualTo(s3.location("events"));
            assertThat(catalog.snapshot("again").version()).isEqualTo(7);
            assertThat(catalog.snapshot("again").files()).hasSize(7);
            VerifyReport report = new TableVerifier(catalog).verify("again", true);
            assertThat(report.differences()).as(report.render()).isEmpty();
        }
    }

    @Test
    void anotherEnginesCommitsOnS3AreCaughtUpAndARewrittenLogIsReimported() throws Exception {
        try (S3Tables s3 = new S3Tables();
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(s3::configure)) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(events(s3, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            mirror.awaitIdle();
            catalog.dropTable("events");
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            importer.importTable(s3.location("events"), "events", ImportProgress.NONE);

            // Another engine (not deltasql) commits version 2 straight to the bucket.
            s3.put(logKey("events", "00000000000000000002.json"), FOREIGN_COMMIT);
            assertThat(importer.catchUp("events", ImportProgress.NONE).headVersion())
                    .isEqualTo(2);
            assertThat(catalog.snapshot("events").files()).hasSize(2);
            assertThat(new TableVerifier(catalog).verify("events", true).differences())
                    .isEmpty();

            // It then rewrites version 2: the catalog's copy is replaced by a fresh import.
            String rewritten = FOREIGN_COMMIT.replace("spark.parquet", "rewritten.parquet");
            s3.put(logKey("events", "00000000000000000002.json"), rewritten);
            importer.reimportTable(s3.location("events"), "events", ImportProgress.NONE);
            assertThat(catalog.snapshot("events").files())
                    .extracting(f -> f.path())
                    .containsExactlyInAnyOrder("region=eu/a.parquet", "region=eu/rewritten.parquet");
            assertThat(new TableVerifier(catalog).verify("events", true).differences())
                    .isEmpty();
        }
    }

    @Test
    void commitsLandWhileTheStoreIsDownAndTheReconcilerWritesThemInOrderOnceItIsBack() throws Exception {
        try (S3Tables s3 = new S3Tables();
                FaultProxy proxy = FaultProxy.start(s3.server.endpoint());
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(b -> s3.settings(proxy.endpoint().toString(), s3.server.secretKey())
                        .forEach(b::storageSetting))) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(events(s3, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));

            proxy.fail503();
            commit(catalog, "events", add("region=eu/b.parquet", "eu"));
            commit(catalog, "events", add("region=eu/c.parquet", "eu"));
            MirrorStatus down = catalog.mirrorStatus("events");
            assertThat(catalog.snapshot("events").version())
                    .as("the catalog is the authority")
                    .isEqualTo(3);
            assertThat(down.mirroredVersion()).isEqualTo(1);
            assertThat(down.pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(2L, 3L);
            assertThat(down.pending().get(0).lastError()).contains("503");

            proxy.refuse();
            commit(catalog, "events", add("region=us/d.parquet", "us"));
            assertThat(catalog.mirrorStatus("events").pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(2L, 3L, 4L);
            assertThat(s3.keys(logKey("events", ""))).hasSize(2);

            proxy.pass();
            assertThat(new MirrorReconciler(mirror).reconcile()).isEqualTo(3);
            proxy.delay(Duration.ofMillis(200)); // slow, but answering: commits are mirrored as they return
            commit(catalog, "events", Fixtures.remove("region=eu/a.parquet"));
            proxy.pass();

            MirrorStatus back = catalog.mirrorStatus("events");
            assertThat(back.pending()).isEmpty();
            assertThat(back.mirroredVersion()).isEqualTo(5);
            assertThat(s3.keys(logKey("events", "")))
                    .as("every version once, in the log")
                    .containsExactly(
                            logKey("events", "00000000000000000000.json"),
                            logKey("events", "00000000000000000001.json"),
                            logKey("events", "00000000000000000002.json"),
                            logKey("events", "00000000000000000003.json"),
                            logKey("events", "00000000000000000004.json"),
                            logKey("events", "00000000000000000005.json"));
            VerifyReport report = new TableVerifier(catalog).verify("events", true);
            assertThat(report.differences()).as(report.render()).isEmpty();
        }
    }

    @Test
    void badLocationsAreRefusedAtCreateWithNothingRegisteredOrWritten() throws Exception {
        try (S3Tables s3 = new S3Tables();
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(s3::configure)) {
            String before = CatalogDump.of(db.jdbcUrl());

            assertRefused(catalog, "gs://bucket/t", "22023", "gs:");
            assertRefused(catalog, "s3://no-such-bucket-" + s3.bucket + "/t", "22023", "does not exist");
            s3.put("tables/taken/_delta_log/00000000000000000000.json", FOREIGN_COMMIT);
            assertRefused(catalog, s3.location("taken"), "22023", "already holds a Delta log");

            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(catalog.listTables()).isEmpty();
            assertThat(s3.keys("")).containsExactly("tables/taken/_delta_log/00000000000000000000.json");
        }
    }

    @Test
    void wrongCredentialsAndAnUnreachableStoreAreRefusedWithoutTheSecret() throws Exception {
        try (S3Tables s3 = new S3Tables();
                var wrong = CatalogTargets.SQLITE.create();
                DeltaCatalog denied =
                        wrong.open(b -> s3.settings(s3.server.endpoint().toString(), "not-the-secret-key-42")
                                .forEach(b::storageSetting));
                var down = CatalogTargets.SQLITE.create();
                DeltaCatalog unreachable = down.open(b ->
                        s3.settings("http://127.0.0.1:9", s3.server.secretKey()).forEach(b::storageSetting))) {
            String deniedBefore = CatalogDump.of(wrong.jdbcUrl());
            String downBefore = CatalogDump.of(down.jdbcUrl());
            assertThatThrownBy(() -> denied.createTable(events(s3, Map.of())))
                    .isInstanceOfSatisfying(
                            DeltaSqlException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("42501"))
                    .hasMessageContaining(s3.location("events"))
                    .hasMessageNotContaining("not-the-secret-key-42");
            assertThatThrownBy(() -> unreachable.createTable(events(s3, Map.of())))
                    .isInstanceOfSatisfying(
                            DeltaSqlException.class,
                            e -> assertThat(e.sqlState()).startsWith("08"))
                    .hasMessageContaining(s3.location("events"))
                    .hasMessageNotContaining(s3.server.secretKey());
            assertThat(denied.listTables()).isEmpty();
            assertThat(unreachable.listTables()).isEmpty();
            assertThat(CatalogDump.of(wrong.jdbcUrl())).isEqualTo(deniedBefore);
            assertThat(CatalogDump.of(down.jdbcUrl())).isEqualTo(downBefore);
            assertThat(s3.keys("")).isEmpty();
            assertThat(denied.config().toString()).doesNotContain("not-the-secret-key-42");
        }
    }

    private static void assertRefused(DeltaCatalog catalog, String location, String state, String says) {
        assertThatThrownBy(() -> catalog.createTable(
                        new CreateTableRequest("t", location, Fixtures.SCHEMA, List.of(), Map.of())))
                .isInstanceOfSatisfying(
                        DeltaSqlException.class, e -> assertThat(e.sqlState()).isEqualTo(state))
                .hasMessageContaining(location)
                .hasMessageContaining(says);
    }
}
