package io.deltasql.core.verify;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The verifier finds no difference in a faithfully mirrored table, and names each kind of tampering. */
class TableVerifierTest {

    private static void commit(DeltaCatalog catalog, String table, Action... actions) {
        catalog.commit(CommitRequest.builder(table, catalog.snapshot(table).version())
                .addAll(List.of(actions))
                .build());
    }

    private static Metadata withConfiguration(DeltaCatalog catalog, String table, String key, String value) {
        Metadata m = catalog.snapshot(table).metadata();
        Map<String, String> conf = new LinkedHashMap<>(m.configuration());
        conf.put(key, value);
        return new Metadata(
                m.id(),
                m.name(),
                m.description(),
                m.format(),
                m.schemaString(),
                m.partitionColumns(),
                conf,
                m.createdTime(),
                m.extra());
    }

    /** Versions 0-5 of a partitioned table, mirrored; a checkpoint at 4. */
    private static Path mirroredTable(DeltaCatalog catalog, Path dir) throws InterruptedException {
        Path location = dir.resolve("events");
        DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
        catalog.createTable(new CreateTableRequest(
                "events",
                location.toString(),
                Fixtures.SCHEMA,
                List.of("region"),
                Map.of("delta.checkpointInterval", "4")));
        commit(catalog, "events", add("region=eu/a.parquet", "eu"), add("region=us/b.parquet", "us"));
        commit(catalog, "events", add("region=eu/c.parquet", "eu"));
        commit(catalog, "events", remove("region=us/b.parquet"));
        commit(catalog, "events", withConfiguration(catalog, "events", "owner", "data-eng"));
        commit(catalog, "events", add("region=ap/d.parquet", "ap"));
        mirror.awaitIdle(); // the checkpoint at 4 is written in the background, from the log as committed
        return location;
    }

    private static Path commitFile(Path location, long version) {
        return TableLocations.commitFile(location.resolve("_delta_log"), version);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aMirroredTableIsIdentical(CatalogTarget target, @TempDir Path dir) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            mirroredTable(catalog, dir);
            TableVerifier verifier = new TableVerifier(catalog);
            VerifyReport latest = verifier.verify("events", false);
            assertThat(latest.differences()).isEmpty();
            assertThat(latest.identical()).isTrue();
            assertThat(latest.firstVersion()).isEqualTo(5);
            assertThat(latest.lastVersion()).isEqualTo(5);
            assertThat(latest.notes()).isEmpty();
            assertThat(latest.render()).contains("'events'").contains("agree at version 5");

            VerifyReport all = verifier.verify("events", true);
            assertThat(all.differences()).isEmpty();
            assertThat(all.firstVersion()).isZero();
            assertThat(all.render()).contains("agree at versions 0 to 5");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aTamperedCommitFileIsReportedAtEveryVersionItAffects(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            Path location = mirroredTable(catalog, dir);
            // Version 2 of the log loses its add, and version 1's add of a.parquet grows.
            Path v2 = commitFile(location, 2);
            List<String> lines = Files.readAllLines(v2).stream()
                    .filter(l -> !l.startsWith("{\"add\""))
                    .toList();
            Files.write(v2, lines);
            Path v1 = commitFile(location, 1);
            Files.writeString(v1, Files.readString(v1).replaceFirst("\"size\":(\\d+)", "\"size\":7"));

            VerifyReport all = new TableVerifier(catalog).verify("events", true);
            assertThat(all.identical()).isFalse();
            // Versions 1-3 replay the JSON; 4 and 5 start from the checkpoint written from the original log.
            assertThat(all.differences())
                    .contains(
                            new Difference(
                                    2,
                                    "file 'region=eu/c.parquet'",
                                    "active (size " + (100 + "region=eu/c.parquet".length()) + ")",
                                    "absent"),
                            new Difference(
                                    3,
                                    "file 'region=eu/c.parquet'",
                                    "active (size " + (100 + "region=eu/c.parquet".length()) + ")",
                                    "absent"));
            assertThat(all.differences()).anySatisfy(d -> {
                assertThat(d.version()).isEqualTo(1);
                assertThat(d.aspect()).isEqualTo("file 'region=eu/a.parquet' size");
                assertThat(d.log()).isEqualTo("7");
            });
            assertThat(all.differences()).extracting(Difference::version).containsOnly(1L, 2L, 3L);
            assertThat(all.render())
                    .contains("version 2: file 'region=eu/c.parquet': catalog active")
                    .contains("_delta_log absent");
            // At the latest version the checkpoint hides the tampering.
            assertThat(new TableVerifier(catalog).verify("events", false).identical())
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aVersionWrittenByAnotherEngineIsReported(CatalogTarget target, @TempDir Path dir) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            Path location = mirroredTable(catalog, dir);
            Files.writeString(
                    commitFile(location, 6), "{\"remove\":{\"path\":\"region=eu/a.parquet\",\"dataChange\":true}}\n");
            VerifyReport report = new TableVerifier(catalog).verify("events", false);
            assertThat(report.differences()).singleElement().satisfies(d -> {
                assertThat(d.version()).isEqualTo(6);
                assertThat(d.log()).contains("00000000000000000006.json");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void everyLogFileBeyondTheHeadIsReported(CatalogTarget target, @TempDir Path dir) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            Path location = mirroredTable(catalog, dir);
            Path log = location.resolve("_delta_log");
            Files.writeString(log.resolve("00000000000000000007.crc"), "{}");
            Files.write(log.resolve("00000000000000000008.checkpoint.parquet"), new byte[] {1, 2, 3});
            Files.writeString(log.resolve(".00000000000000000009.json.0b1c.tmp"), "not a version"); // hidden: ignored
            VerifyReport report = new TableVerifier(catalog).verify("events", false);
            assertThat(report.identical()).isFalse();
            assertThat(report.differences())
                    .filteredOn(d -> d.aspect().equals("version"))
                    .extracting(Difference::version)
                    .containsExactly(7L, 8L);
            assertThat(report.render())
                    .contains("00000000000000000008.checkpoint.parquet")
                    .contains("head is 5");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aLastCheckpointOfAnotherHistoryIsReported(CatalogTarget target, @TempDir Path dir) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            Path location = mirroredTable(catalog, dir);
            Path lastCheckpoint = location.resolve("_delta_log/_last_checkpoint");
            assertThat(new TableVerifier(catalog).verify("events", false).identical())
                    .isTrue();

            Files.writeString(lastCheckpoint, "{\"version\":12,\"size\":3}");
            VerifyReport beyond = new TableVerifier(catalog).verify("events", false);
            assertThat(beyond.identical()).isFalse();
            assertThat(beyond.differences()).anySatisfy(d -> {
                assertThat(d.aspect()).isEqualTo("_last_checkpoint");
                assertThat(d.log()).contains("version 12").contains("beyond the catalog's head");
            });

            Files.writeString(lastCheckpoint, "{\"size\":3}");
            assertThat(new TableVerifier(catalog).verify("events", false).differences())
                    .anySatisfy(d -> assertThat(d.log()).contains("unreadable"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aLastCheckpointBeforeTheCatalogsFirstVersionIsReported(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            Path location = mirroredTable(catalog, dir);
            // The same log with versions 0-3 cleaned up: imported, the catalog starts at the checkpoint, version 4.
            Path copy = dir.resolve("copy");
            Files.createDirectories(copy.resolve("_delta_log"));
            try (var files = Files.list(location.resolve("_delta_log"))) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.matches("0000000000000000000[0-3]\\.json")) {
                        Files.copy(f, copy.resolve("_delta_log").resolve(name));
                    }
                }
            }
            new DeltaLogImporter(catalog).importTable(copy, "copy", ImportProgress.NONE);
            assertThat(new TableVerifier(catalog).verify("copy", true).firstVersion())
                    .isEqualTo(4);
            Files.writeString(copy.resolve("_delta_log/_last_checkpoint"), "{\"version\":2,\"size\":3}");
            VerifyReport report = new TableVerifier(catalog).verify("copy", false);
            assertThat(report.differences()).anySatisfy(d -> {
                assertThat(d.aspect()).isEqualTo("_last_checkpoint");
                assertThat(d.log()).contains("version 2").contains("does not have");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void catalogChangesTheLogDoesNotHaveAreReported(CatalogTarget target, @TempDir Path dir) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open();
                DeltaCatalog withoutMirror = db.open()) {
            Path location = mirroredTable(catalog, dir);
            // Committed through a process without a mirror: the log stays at version 5.
            commit(withoutMirror, "events", withConfiguration(withoutMirror, "events", "owner", "finance"));

            VerifyReport report = new TableVerifier(catalog).verify("events", false);
            assertThat(report.differences()).singleElement().satisfies(d -> {
                assertThat(d.version()).isEqualTo(6);
                assertThat(d.aspect()).isEqualTo("version");
                assertThat(d.log()).startsWith("unreadable by Delta Kernel");
            });
            assertThat(report.notes())
                    .singleElement()
                    .asString()
                    .contains("not yet mirrored")
                    .contains("6");

            // A log version 6 with a different configuration (written by hand) shows the configuration difference.
            Metadata m = catalog.snapshotAt("events", 5).metadata();
            String otherMetadata = new Metadata(
                            m.id(),
                            m.name(),
                            m.description(),
                            m.format(),
                            m.schemaString(),
                            m.partitionColumns(),
                            Map.of("delta.checkpointInterval", "4", "owner", "marketing"),
                            m.createdTime(),
                            m.extra())
                    .toJson();
            try {
                Files.writeString(commitFile(location, 6), otherMetadata + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            VerifyReport after = new TableVerifier(catalog).verify("events", true);
            assertThat(after.differences()).singleElement().satisfies(d -> {
                assertThat(d.version()).isEqualTo(6);
                assertThat(d.aspect()).isEqualTo("configuration");
                assertThat(d.catalog()).contains("owner=finance");
                assertThat(d.log()).contains("owner=marketing");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aMissingLogAndBadTablesAreClearErrors(CatalogTarget target, @TempDir Path dir) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(
                    new CreateTableRequest("nolog", dir.resolve("nolog").toString(), Fixtures.SCHEMA));
            VerifyReport report = new TableVerifier(catalog).verify("nolog", true);
            assertThat(report.differences())
                    .singleElement()
                    .satisfies(d -> assertThat(d.log()).contains("missing"));
            assertThat(report.render()).contains("1 difference ");

            assertThatThrownBy(() -> new TableVerifier(catalog).verify("nope", false))
                    .isInstanceOf(TableNotFoundException.class);
        }
    }
}
