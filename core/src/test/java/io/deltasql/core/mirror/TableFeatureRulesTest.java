package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.mirror.MirrorTables.withConfiguration;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.Table;
import io.delta.kernel.engine.Engine;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties that turn a table feature on upgrade the protocol as Delta's writers do, and every
 * commit follows the rules of the features its table has: row ids, in-commit timestamps, column
 * mapping ids, deletion vectors only where supported. Delta Kernel reads each result.
 */
class TableFeatureRulesTest {
    private static final String ROW_TRACKING = "delta.enableRowTracking";
    private static final String ICT = "delta.enableInCommitTimestamps";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void rowTrackingAndInCommitTimestampsAtCreate(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of(ROW_TRACKING, "true", ICT, "true")));
            Protocol p = catalog.snapshot("events").protocol();
            assertThat(p.minReaderVersion()).isEqualTo(1);
            assertThat(p.minWriterVersion()).isEqualTo(7);
            assertThat(p.writerFeatures())
                    .containsExactlyInAnyOrder(
                            "rowTracking", "domainMetadata", "inCommitTimestamp", "appendOnly", "invariants");
            assertThat(catalog.snapshot("events").metadata().configuration())
                    .containsKeys(
                            "delta.rowTracking.materializedRowIdColumnName",
                            "delta.rowTracking.materializedRowCommitVersionColumnName");

            commit(
                    catalog,
                    "events",
                    addWithRecords("region=eu/a.parquet", "eu", 10),
                    addWithRecords("region=us/b.parquet", "us", 5));
            commit(catalog, "events", addWithRecords("region=eu/c.parquet", "eu", 7));
            mirror.awaitIdle();

            Snapshot s = catalog.snapshot("events");
            assertThat(rowIds(s))
                    .containsExactly("region=eu/a.parquet:0:1", "region=eu/c.parquet:15:2", "region=us/b.parquet:10:1");
            assertThat(s.domainMetadata().get("delta.rowTracking").configuration())
                    .isEqualTo("{\"rowIdHighWaterMark\":21}");
            for (long v = 0; v <= 2; v++) {
                JsonNode info = commitInfo(location, v);
                assertThat(info.path("inCommitTimestamp").asLong(-1))
                        .as("version %d", v)
                        .isEqualTo(catalog.snapshotAt("events", v).timestamp());
            }
            assertKernelAgreesAtEveryVersion(catalog, "events", location);
            Engine engine = KernelOracle.engine();
            for (long v = 0; v <= 2; v++) {
                // Kernel takes an ICT table's commit time from inCommitTimestamp.
                assertThat(Table.forPath(engine, location.toString())
                                .getSnapshotAsOfVersion(engine, v)
                                .getTimestamp(engine))
                        .isEqualTo(catalog.snapshotAt("events", v).timestamp());
            }
        }
    }

    @Test
    void concurrentAppendsGetDisjointRowIds(@TempDir Path dir) throws Exception {
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(partitioned("t", dir.resolve("t"), Map.of(ROW_TRACKING, "true")));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        // Every append read version 0: they land one after another, each after the others' ids.
                        catalog.commit(CommitRequest.builder("t", 0)
                                .add(addWithRecords("region=eu/" + writer + "-" + i + ".parquet", "eu", 3 + writer))
                                .build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            List<AddFile> files = new ArrayList<>(catalog.snapshot("t").files());
            files.sort(Comparator.comparing(AddFile::baseRowId));
            long next = 0;
            for (AddFile a : files) {
                assertThat(a.baseRowId()).as(a.path()).isEqualTo(next);
                next += numRecords(a);
            }
            assertThat(catalog.snapshot("t")
                            .domainMetadata()
                            .get("delta.rowTracking")
                            .configuration())
                    .isEqualTo("{\"rowIdHighWaterMark\":" + (next - 1) + "}");
        }
    }

    @Test
    void propertyChangeUpgradesTheProtocolInTheSameCommit(@TempDir Path dir) throws Exception {
        Path location = dir.resolve("t");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("t", location, Map.of()));
            commit(catalog, "t", add("region=eu/a.parquet", "eu"));
            assertThat(catalog.snapshot("t").protocol()).isEqualTo(new Protocol(1, 2));

            commit(
                    catalog,
                    "t",
                    withConfiguration(catalog, "t", Map.of("delta.enableDeletionVectors", "true", ICT, "true")));
            Snapshot s = catalog.snapshot("t");
            assertThat(s.protocol().minReaderVersion()).isEqualTo(3);
            assertThat(s.protocol().readerFeatures()).containsExactly("deletionVectors");
            assertThat(s.protocol().writerFeatures())
                    .containsExactlyInAnyOrder("deletionVectors", "inCommitTimestamp", "appendOnly", "invariants");
            assertThat(s.metadata().configuration())
                    .containsEntry("delta.inCommitTimestampEnablementVersion", "2")
                    .containsEntry("delta.inCommitTimestampEnablementTimestamp", Long.toString(s.timestamp()));
            List<String> kinds =
                    catalog.actions("t", 2).stream().map(a -> a.kind()).toList();
            assertThat(kinds).containsExactly("commitInfo", "protocol", "metaData");

            // delta.feature.* asks for a feature and is not kept as configuration, as in Delta.
            commit(catalog, "t", withConfiguration(catalog, "t", Map.of("delta.feature.v2Checkpoint", "supported")));
            s = catalog.snapshot("t");
            assertThat(s.protocol().readerFeatures()).contains("v2Checkpoint");
            assertThat(s.metadata().configuration()).doesNotContainKey("delta.feature.v2Checkpoint");

            // A deletion vector is accepted now that the table supports them.
            commit(
                    catalog,
                    "t",
                    Fixtures.remove("region=eu/a.parquet"),
                    withDeletionVector(add("region=eu/a.parquet", "eu")));
            mirror.awaitIdle();
            assertKernelAgreesAtEveryVersion(catalog, "t", location);
        }
    }

    static Stream<Map<String, String>> refusedProperties() {
        return Stream.of(
                Map.of("delta.feature.noSuchFeature", "supported"),
                Map.of("delta.enableIcebergCompatV2", "true"),
                Map.of("delta.feature.rowTracking", "maybe"),
                Map.of(ROW_TRACKING, "yes"),
                Map.of("delta.checkpointPolicy", "v3"),
                Map.of("delta.minWriterVersion", "8"));
    }

    @ParameterizedTest
    @MethodSource("refusedProperties")
    void refusedPropertyChangesNothing(Map<String, String> properties, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("t");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            assertThatThrownBy(() -> catalog.createTable(partitioned("bad", dir.resolve("bad"), properties)))
                    .isInstanceOf(DeltaSqlException.class)
                    .satisfies(
                            e -> assertThat(((DeltaSqlException) e).sqlState()).isIn("0A000", "22023"))
                    .hasMessageContaining(properties.keySet().iterator().next());
            assertThat(catalog.findTable("bad")).isEmpty();
            assertThat(dir.resolve("bad")).doesNotExist();

            catalog.createTable(partitioned("t", location, Map.of()));
            mirror.awaitIdle();
            List<String> logBefore = listing(location);
            assertThatThrownBy(() -> commit(catalog, "t", withConfiguration(catalog, "t", properties)))
                    .isInstanceOf(DeltaSqlException.class)
                    .hasMessageContaining(properties.keySet().iterator().next());
            mirror.awaitIdle();
            assertThat(catalog.table("t").headVersion()).isZero();
            assertThat(listing(location)).isEqualTo(logBefore);
        }
    }

    @Test
    void refusedCommitsChangeNothing(@TempDir Path dir) throws Exception {
        Path location = dir.resolve("t");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("t", location, Map.of(ROW_TRACKING, "true")));
            catalog.createTable(partitioned("plain", dir.resolve("plain"), Map.of()));
            commit(catalog, "plain", add("region=eu/a.parquet", "eu"));
            mirror.awaitIdle();
            List<String> logBefore = listing(location);

            AddFile noStats = new AddFile("region=eu/x.parquet", Map.of("region", "eu"), 10, 1L, true, null);
            assertThatThrownBy(() -> commit(catalog, "t", noStats))
                    .isInstanceOf(DeltaSqlException.class)
                    .hasMessageContaining("numRecords")
                    .hasMessageContaining("region=eu/x.parquet");
            assertThatThrownBy(() -> commit(catalog, "plain", withDeletionVector(add("region=eu/b.parquet", "eu"))))
                    .isInstanceOf(DeltaSqlException.class)
                    .hasMessageContaining("deletion vector")
                    .satisfies(
                            e -> assertThat(((DeltaSqlException) e).sqlState()).isEqualTo("0A000"));
            // Row ids for files a table already has would need a backfill.
            assertThatThrownBy(() ->
                            commit(catalog, "plain", withConfiguration(catalog, "plain", Map.of(ROW_TRACKING, "true"))))
                    .isInstanceOf(DeltaSqlException.class)
                    .hasMessageContaining("row tracking")
                    .satisfies(
                            e -> assertThat(((DeltaSqlException) e).sqlState()).isEqualTo("0A000"));
            assertThatThrownBy(() -> commit(
                            catalog,
                            "plain",
                            withConfiguration(catalog, "plain", Map.of("delta.columnMapping.mode", "name"))))
                    .isInstanceOf(DeltaSqlException.class)
                    .hasMessageContaining("delta.columnMapping.mode");
            mirror.awaitIdle();
            assertThat(catalog.table("t").headVersion()).isZero();
            assertThat(catalog.table("plain").headVersion()).isEqualTo(1);
            assertThat(catalog.snapshot("plain").protocol()).isEqualTo(new Protocol(1, 2));
            assertThat(listing(location)).isEqualTo(logBefore);
        }
    }

    @Test
    void columnMappingAssignsIdsAndPhysicalNames(@TempDir Path dir) throws Exception {
        Path location = dir.resolve("t");
        String nested = "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
                + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"point\",\"type\":{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"x\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}}]}";
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest(
                    "t", location.toString(), nested, List.of("region"), Map.of("delta.columnMapping.mode", "name")));
            Snapshot s = catalog.snapshot("t");
            assertThat(s.protocol()).isEqualTo(new Protocol(2, 5));
            JsonNode fields =
                    ActionCodec.mapper().readTree(s.metadata().schemaString()).path("fields");
            List<Long> ids = new ArrayList<>();
            for (JsonNode f : List.of(
                    fields.get(0),
                    fields.get(1),
                    fields.get(2),
                    fields.get(2).path("type").path("fields").get(0))) {
                ids.add(f.path("metadata").path("delta.columnMapping.id").asLong());
                assertThat(f.path("metadata")
                                .path("delta.columnMapping.physicalName")
                                .asText())
                        .startsWith("col-");
            }
            assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
            assertThat(s.metadata().configuration()).containsEntry("delta.columnMapping.maxColumnId", "4");
            mirror.awaitIdle();
            assertKernelAgreesAtEveryVersion(catalog, "t", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpointedTables")
    void checkpointsFollowTheTableFeatures(String properties, String expectedCheckpoint, @TempDir Path dir)
            throws Exception {
        Path location = dir.resolve("t");
        Map<String, String> props = new LinkedHashMap<>(Map.of("delta.checkpointInterval", "2"));
        for (String p : properties.split(",")) {
            props.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("t", location, props));
            for (int i = 0; i < 3; i++) {
                commit(catalog, "t", addWithRecords("region=eu/" + i + ".parquet", "eu", 2));
            }
            mirror.awaitIdle();
            List<String> log = listing(location);
            assertThat(log).as(log.toString()).anyMatch(f -> f.matches(expectedCheckpoint));
            assertThat(log).contains("_last_checkpoint");
            for (String f : log) {
                if (f.endsWith(".json") && f.contains(".checkpoint.")) {
                    // A V2 checkpoint starts with its checkpointMetadata (PROTOCOL.md, "V2 Spec").
                    String first = Files.readAllLines(
                                    location.resolve("_delta_log").resolve(f))
                            .get(0);
                    assertThat(first).isEqualTo("{\"checkpointMetadata\":{\"version\":2}}");
                }
            }
            // Readers start from the checkpoint: drop the commits before it, as log cleanup would.
            Files.delete(location.resolve("_delta_log").resolve(String.format("%020d.json", 0)));
            Files.delete(location.resolve("_delta_log").resolve(String.format("%020d.json", 1)));
            Engine engine = KernelOracle.engine();
            for (long v = 2; v <= 3; v++) {
                assertThat(KernelOracle.read(engine, location, v))
                        .as("Kernel at version %d", v)
                        .isEqualTo(KernelOracle.of(catalog.snapshotAt("t", v)));
            }
        }
    }

    static Stream<Arguments> checkpointedTables() {
        return Stream.of(
                Arguments.of("delta.checkpointPolicy=v2", "0{19}2\\.checkpoint\\.[0-9a-f-]{36}\\.json"),
                Arguments.of(
                        "delta.feature.v2Checkpoint=supported,delta.enableRowTracking=true",
                        "0{19}2\\.checkpoint\\.[0-9a-f-]{36}\\.json"),
                // Kernel writes no data to tables with change data feed on, but a checkpoint is log state.
                Arguments.of("delta.enableChangeDataFeed=true", "0{19}2\\.checkpoint\\.parquet"),
                Arguments.of(
                        "delta.enableRowTracking=true,delta.enableInCommitTimestamps=true",
                        "0{19}2\\.checkpoint\\.parquet"));
    }

    @Test
    void clusteringColumnsGoToTheirDomain(@TempDir Path dir) throws Exception {
        Path location = dir.resolve("t");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest(
                    "t",
                    location.toString(),
                    Fixtures.SCHEMA,
                    List.of(),
                    Map.of("clusteringColumns", "[\"region\", [\"ID\"]]", "delta.columnMapping.mode", "name")));
            Snapshot s = catalog.snapshot("t");
            assertThat(s.protocol().writerFeatures()).contains("clustering", "domainMetadata", "columnMapping");
            assertThat(s.metadata().configuration()).doesNotContainKey("clusteringColumns");
            JsonNode fields =
                    ActionCodec.mapper().readTree(s.metadata().schemaString()).path("fields");
            String physicalId = fields.get(0)
                    .path("metadata")
                    .path("delta.columnMapping.physicalName")
                    .asText();
            String physicalRegion = fields.get(1)
                    .path("metadata")
                    .path("delta.columnMapping.physicalName")
                    .asText();
            assertThat(s.domainMetadata().get("delta.clustering").configuration())
                    .isEqualTo("{\"clusteringColumns\":[[\"" + physicalRegion + "\"],[\"" + physicalId + "\"]]}");
            commit(catalog, "t", new AddFile("a.parquet", Map.of(), 10, 1L, true, "{\"numRecords\":1}"));

            // Clustering columns change through the same property; the domain follows.
            commit(catalog, "t", withConfiguration(catalog, "t", Map.of("clusteringColumns", "[\"value\"]")));
            assertThat(catalog.snapshot("t")
                            .domainMetadata()
                            .get("delta.clustering")
                            .configuration())
                    .contains(ActionCodec.mapper()
                            .readTree(catalog.snapshot("t").metadata().schemaString())
                            .path("fields")
                            .get(2)
                            .path("metadata")
                            .path("delta.columnMapping.physicalName")
                            .asText());
            mirror.awaitIdle();
            assertKernelAgreesAtEveryVersion(catalog, "t", location);

            List<String> logBefore = listing(location);
            for (String bad : List.of("[\"nope\"]", "{\"region\":1}", "[]x", "[[]]")) {
                assertThatThrownBy(() ->
                                commit(catalog, "t", withConfiguration(catalog, "t", Map.of("clusteringColumns", bad))))
                        .as(bad)
                        .isInstanceOf(DeltaSqlException.class)
                        .hasMessageContaining("clustering")
                        .satisfies(e ->
                                assertThat(((DeltaSqlException) e).sqlState()).isEqualTo("22023"));
            }
            assertThatThrownBy(() -> catalog.createTable(
                            partitioned("p", dir.resolve("p"), Map.of("clusteringColumns", "[\"region\"]"))))
                    .isInstanceOf(DeltaSqlException.class)
                    .hasMessageContaining("partition column");
            mirror.awaitIdle();
            assertThat(catalog.table("t").headVersion()).isEqualTo(2);
            assertThat(catalog.findTable("p")).isEmpty();
            assertThat(listing(location)).isEqualTo(logBefore);
        }
    }

    @Test
    void identityHighWaterMarksAreKeptAsACommitStatesThem(@TempDir Path dir) throws Exception {
        Path location = dir.resolve("t");
        String identity = "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,"
                + "\"metadata\":{\"delta.identity.start\":1,\"delta.identity.step\":1,\"delta.identity.allowExplicitInsert\":false%s}},"
                + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest(
                    "t",
                    location.toString(),
                    String.format(identity, ""),
                    List.of(),
                    Map.of("delta.feature.identityColumns", "supported")));
            assertThat(catalog.snapshot("t").protocol().writerFeatures()).contains("identityColumns");
            // A writer that inserted rows 1..10 states the new high-water mark with its files.
            Metadata m = catalog.snapshot("t").metadata();
            Metadata marked = new Metadata(
                    m.id(),
                    m.name(),
                    m.description(),
                    m.format(),
                    String.format(identity, ",\"delta.identity.highWaterMark\":10"),
                    m.partitionColumns(),
                    m.configuration(),
                    m.createdTime(),
                    m.extra());
            commit(catalog, "t", marked, new AddFile("a.parquet", Map.of(), 10, 1L, true, "{\"numRecords\":10}"));
            assertThat(catalog.snapshot("t").metadata().schemaString()).contains("\"delta.identity.highWaterMark\":10");
            mirror.awaitIdle();
            assertKernelAgreesAtEveryVersion(catalog, "t", location);
        }
    }

    private static AddFile addWithRecords(String path, String region, long records) {
        return new AddFile(
                path, Map.of("region", region), 100, 1_700_000_000_000L, true, "{\"numRecords\":" + records + "}");
    }

    private static AddFile withDeletionVector(AddFile a) {
        DeletionVectorDescriptor dv =
                new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 1, 36, 2L, null, Map.of());
        return a.toBuilder().dataChange(false).deletionVector(dv).build();
    }

    private static long numRecords(AddFile a) {
        try {
            return ActionCodec.mapper().readTree(a.stats()).path("numRecords").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> rowIds(Snapshot s) {
        return s.files().stream()
                .map(a -> a.path() + ":" + a.baseRowId() + ":" + a.defaultRowCommitVersion())
                .sorted()
                .toList();
    }

    private static JsonNode commitInfo(Path location, long version) throws Exception {
        String first = Files.readAllLines(location.resolve("_delta_log").resolve(String.format("%020d.json", version)))
                .get(0);
        return ActionCodec.mapper().readTree(first).path("commitInfo");
    }

    private static List<String> listing(Path location) throws Exception {
        try (Stream<Path> files = Files.list(location.resolve("_delta_log"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
