package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.mirror.MirrorTables.withConfiguration;
import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Commits through deltasql are mirrored to {@code _delta_log}, and Delta Kernel reads the same table at every version. */
class MirrorRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void kernelReadsTheMirroredLogAtEveryVersion(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "3")));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"), add("region=us/b.parquet", "us")); // 1
            commit(catalog, "events", add("region=eu/c.parquet", "eu")); // 2
            commit(catalog, "events", remove("region=eu/a.parquet")); // 3: checkpoint
            commit(catalog, "events", withConfiguration(catalog, "events", Map.of("owner", "data-eng"))); // 4
            commit(catalog, "events", add("region=us/d.parquet", "us"), add("region=eu/e.parquet", "eu")); // 5
            commit(
                    catalog,
                    "events",
                    remove("region=us/b.parquet"),
                    add("region=us/b2.parquet", "us")); // 6: checkpoint
            commit(catalog, "events", add("region=eu/f.parquet", "eu")); // 7
            catalog.commit(CommitRequest.builder("events", 7)
                    .add(add("region=eu/g.parquet", "eu"))
                    .operation("MERGE")
                    .operationParameter("predicate", "id = 1")
                    .build()); // 8
            commit(catalog, "events", remove("region=eu/c.parquet")); // 9: checkpoint
            commit(
                    catalog,
                    "events",
                    withConfiguration(catalog, "events", Map.of("delta.checkpointInterval", "4"))); // 10
            commit(catalog, "events", add("region=ap/h.parquet", "ap")); // 11
            commit(
                    catalog,
                    "events",
                    remove("region=eu/e.parquet"),
                    add("region=ap/i.parquet", "ap")); // 12: checkpoint (every 4)
            mirror.awaitIdle(); // checkpoints are written in the background

            MirrorStatus status = catalog.mirrorStatus("events");
            assertThat(status.mirroredVersion()).isEqualTo(12);
            assertThat(status.pending()).isEmpty();
            assertThat(status.blocked()).isFalse();
            for (long v = 0; v <= 12; v++) {
                assertMirrored(catalog, "events", location, v);
            }
            Path log = location.resolve("_delta_log");
            for (long v : List.of(3L, 6L, 9L, 12L)) {
                assertThat(TableLocations.checkpointFile(log, v))
                        .as("checkpoint %d", v)
                        .exists();
            }
            for (long v : List.of(1L, 2L, 4L, 5L, 7L, 8L, 10L, 11L)) {
                assertThat(TableLocations.checkpointFile(log, v))
                        .as("no checkpoint at %d", v)
                        .doesNotExist();
            }
            JsonNode last = ActionCodec.mapper().readTree(Files.readString(log.resolve("_last_checkpoint")));
            assertThat(last.get("version").asLong()).isEqualTo(12);
            try (var names = Files.list(log)) {
                assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }

            assertKernelAgreesAtEveryVersion(catalog, "events", location);

            // The checkpoint alone carries the table: a copy of the log cleaned up before version 12 reads the same.
            Path truncated = dir.resolve("truncated");
            Files.createDirectories(truncated.resolve("_delta_log"));
            for (String name : List.of(
                    "00000000000000000012.checkpoint.parquet", "00000000000000000012.json", "_last_checkpoint")) {
                Files.copy(log.resolve(name), truncated.resolve("_delta_log").resolve(name));
            }
            assertThat(KernelOracle.read(KernelOracle.engine(), truncated, 12))
                    .isEqualTo(KernelOracle.of(catalog.snapshotAt("events", 12)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void defaultIntervalCheckpointsAtTenAndAcceptsFileUris(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("with space");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest("plain", location.toUri().toString(), Fixtures.SCHEMA));
            for (int i = 1; i <= 11; i++) {
                commit(catalog, "plain", add("part-" + i + ".parquet"));
            }
            mirror.awaitIdle(); // checkpoints are written in the background
            Path log = location.resolve("_delta_log");
            assertThat(TableLocations.checkpointFile(log, 10)).exists();
            assertThat(TableLocations.checkpointFile(log, 5)).doesNotExist();
            assertThat(catalog.mirrorStatus("plain").mirroredVersion()).isEqualTo(11);
            assertKernelAgreesAtEveryVersion(catalog, "plain", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void multiTableCommitsMirrorEveryTable(CatalogTarget target, @TempDir Path dir) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("a", dir.resolve("a"), Map.of()));
            catalog.createTable(partitioned("b", dir.resolve("b"), Map.of()));
            catalog.commitAll(List.of(
                    CommitRequest.builder("a", 0)
                            .add(add("region=eu/x.parquet", "eu"))
                            .build(),
                    CommitRequest.builder("b", 0)
                            .add(add("region=us/y.parquet", "us"))
                            .build()));
            assertMirrored(catalog, "a", dir.resolve("a"), 1);
            assertMirrored(catalog, "b", dir.resolve("b"), 1);
            assertKernelAgreesAtEveryVersion(catalog, "a", dir.resolve("a"));
            assertKernelAgreesAtEveryVersion(catalog, "b", dir.resolve("b"));
        }
    }
}
