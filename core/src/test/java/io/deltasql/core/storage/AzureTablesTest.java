package io.deltasql.core.storage;

import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import io.deltasql.core.CatalogConfig;
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
import io.deltasql.core.testing.stores.AzuriteTestServer;
import io.deltasql.core.testing.stores.FaultProxy;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables on Azure ({@code abfss://container@account.dfs.core.windows.net/…}) against a real Azure
 * Blob server (Azurite): create, commit, mirror with checkpoints, import, outside writers, an
 * outage, and Delta Kernel reading every version back from the container.
 */
class AzureTablesTest {
    private static final String FOREIGN_COMMIT =
            "{\"commitInfo\":{\"timestamp\":1700000000000,\"operation\":\"WRITE\"}}\n";

    private final AzuriteTestServer azurite = AzuriteTestServer.shared();
    private final String container =
            "t-" + UUID.randomUUID().toString().substring(0, 13).toLowerCase(Locale.ROOT);
    private final BlobContainerClient blobs;

    AzureTablesTest() {
        azurite.createContainer(container);
        blobs = azurite.clientBuilder().buildClient().getBlobContainerClient(container);
    }

    private Map<String, String> settings(URI endpoint, String key) {
        return Map.of(
                "fs.azure.account.key." + azurite.accountName() + ".dfs.core.windows.net",
                key,
                "fs.azure.blob.endpoint." + azurite.accountName(),
                endpoint.toString(),
                "fs.azure.io.retry.max.retries",
                "1");
    }

    private CatalogConfig.Builder configure(CatalogConfig.Builder b) {
        settings(azurite.blobEndpoint(), azurite.accountKey()).forEach(b::storageSetting);
        return b;
    }

    private String location(String table) {
        return "abfss://" + container + "@" + azurite.accountName() + ".dfs.core.windows.net/tables/" + table;
    }

    private CreateTableRequest events(Map<String, String> properties) {
        return new CreateTableRequest("events", location("events"), Fixtures.SCHEMA, List.of("region"), properties);
    }

    private static void commit(DeltaCatalog catalog, String table, Action... actions) {
        catalog.commit(CommitRequest.builder(table, catalog.snapshot(table).version())
                .addAll(List.of(actions))
                .build());
    }

    private List<String> names(String prefix) {
        List<String> names = new ArrayList<>();
        for (BlobItem b : blobs.listBlobs()) {
            if (b.getName().startsWith(prefix)) {
                names.add(b.getName());
            }
        }
        names.sort(null);
        return names;
    }

    private static String log(String name) {
        return "tables/events/_delta_log/" + name;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void commitsAreMirroredToAzureAndKernelReadsEveryVersionBack(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open(this::configure)) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(events(Map.of("delta.checkpointInterval", "2")));
            for (int i = 1; i <= 4; i++) {
                commit(catalog, "events", add("region=eu/f" + i + ".parquet", "eu"));
            }
            commit(catalog, "events", Fixtures.remove("region=eu/f1.parquet"));
            mirror.awaitIdle();

            assertThat(names("tables/events/"))
                    .contains(
                            log("00000000000000000000.json"),
                            log("00000000000000000005.json"),
                            log("00000000000000000004.checkpoint.parquet"),
                            log("_last_checkpoint"))
                    .noneMatch(n -> n.contains("probe"));
            assertThat(catalog.mirrorStatus("events").pending()).isEmpty();
            VerifyReport report = new TableVerifier(catalog).verify("events", true);
            assertThat(report.differences()).as(report.render()).isEmpty();

            catalog.dropTable("events");
            new DeltaLogImporter(catalog).importTable(location("events"), "again", ImportProgress.NONE);
            assertThat(catalog.snapshot("again").version()).isEqualTo(5);
            assertThat(new TableVerifier(catalog).verify("again", true).differences())
                    .isEmpty();
        }
    }

    @Test
    void aCommitFileAnotherEngineWroteFirstIsNeverReplacedAndBlocksTheTable() throws Exception {
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(this::configure)) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(events(Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            blobs.getBlobClient(log("00000000000000000002.json")).upload(BinaryData.fromString(FOREIGN_COMMIT));
            commit(catalog, "events", add("region=us/b.parquet", "us"));

            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.blocked()).isTrue();
            assertThat(status.blockedReason()).contains("version 2").contains("differs");
            assertThat(new String(
                            blobs.getBlobClient(log("00000000000000000002.json"))
                                    .downloadContent()
                                    .toBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo(FOREIGN_COMMIT);
            assertThatThrownBy(() -> commit(catalog, "events", add("region=us/c.parquet", "us")))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("55000"));
        }
    }

    @Test
    void commitsLandWhileAzureAnswers503AndTheReconcilerWritesThemOnceItIsBack() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(azurite.blobEndpoint());
                var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(
                        b -> settings(URI.create(proxy.endpoint() + "/" + azurite.accountName()), azurite.accountKey())
                                .forEach(b::storageSetting))) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(events(Map.of()));
            proxy.fail503();
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            commit(catalog, "events", add("region=eu/b.parquet", "eu"));
            MirrorStatus down = catalog.mirrorStatus("events");
            assertThat(down.pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(1L, 2L);
            assertThat(down.pending().get(0).lastError()).contains("503");

            proxy.pass();
            assertThat(new MirrorReconciler(mirror).reconcile()).isEqualTo(2);
            assertThat(names("tables/events/_delta_log/"))
                    .containsExactly(
                            log("00000000000000000000.json"),
                            log("00000000000000000001.json"),
                            log("00000000000000000002.json"));
            assertThat(new TableVerifier(catalog).verify("events", true).differences())
                    .isEmpty();
        }
    }

    @Test
    void aMissingContainerAndAWrongKeyAreRefusedAtCreateWithNothingRegistered() throws Exception {
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(this::configure);
                var other = CatalogTargets.SQLITE.create();
                DeltaCatalog wrongKey =
                        other.open(b -> settings(azurite.blobEndpoint(), "d3Jvbmcta2V5LW5vdC10aGUtcmVhbC1vbmU=")
                                .forEach(b::storageSetting))) {
            String before = CatalogDump.of(db.jdbcUrl());
            String missing = "abfss://no-such-" + container + "@" + azurite.accountName() + ".dfs.core.windows.net/t";
            assertThatThrownBy(() -> catalog.createTable(
                            new CreateTableRequest("t", missing, Fixtures.SCHEMA, List.of(), Map.of())))
                    .isInstanceOfSatisfying(
                            DeltaSqlException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("22023"))
                    .hasMessageContaining(missing)
                    .hasMessageContaining("does not exist");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);

            String wrongBefore = CatalogDump.of(other.jdbcUrl());
            assertThatThrownBy(() -> wrongKey.createTable(events(Map.of())))
                    .isInstanceOfSatisfying(
                            DeltaSqlException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("42501"))
                    .hasMessageContaining(location("events"))
                    .hasMessageNotContaining("d3Jvbmcta2V5LW5vdC10aGUtcmVhbC1vbmU=");
            assertThat(wrongKey.listTables()).isEmpty();
            assertThat(CatalogDump.of(other.jdbcUrl())).isEqualTo(wrongBefore);
            assertThat(names("")).isEmpty();
        }
    }

    @Test
    void aTableAtTheBlobUrlOfItsContainerIsTheSameStore() throws Exception {
        String url = "https://" + azurite.accountName() + ".blob.core.windows.net/" + container + "/tables/events";
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(this::configure)) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest("events", url, Fixtures.SCHEMA, List.of("region"), Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            mirror.awaitIdle();
            assertThat(names("tables/events/"))
                    .containsExactly(log("00000000000000000000.json"), log("00000000000000000001.json"));
            assertThat(new TableVerifier(catalog).verify("events", true).differences())
                    .isEmpty();

            // The same blobs, named the Hadoop way, import as the same table.
            new DeltaLogImporter(catalog).importTable(location("events"), "again", ImportProgress.NONE);
            assertThat(catalog.snapshot("again").version()).isEqualTo(1);

            String before = CatalogDump.of(db.jdbcUrl());
            for (String notAzure : List.of(
                    "https://example.com/" + container + "/t",
                    "https://" + azurite.accountName() + ".blob.core.windows.net")) {
                assertThatThrownBy(() -> catalog.createTable(
                                new CreateTableRequest("t", notAzure, Fixtures.SCHEMA, List.of(), Map.of())))
                        .isInstanceOfSatisfying(
                                DeltaSqlException.class,
                                e -> assertThat(e.sqlState()).isEqualTo("22023"))
                        .hasMessageContaining(notAzure);
            }
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
        }
    }
}
