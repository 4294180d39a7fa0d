package io.deltasql.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableAlreadyExistsException;
import io.deltasql.core.VersionNotFoundException;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.testing.GoldenTables;
import io.deltasql.core.verify.TableVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeltaLogImporterTest {
    @TempDir
    Path dir;

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String addLine(String path, long size) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":" + size
                + ",\"modificationTime\":1,\"dataChange\":true}}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void catchUpLoadsOnlyNewVersions(CatalogTarget target) throws IOException {
        Path table = dir.resolve("t");
        copyTree(GoldenTables.requireRoot().resolve("basic-with-inserts-deletes-checkpoint"), table);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            long head =
                    importer.importTable(table, "basic", ImportProgress.NONE).headVersion();
            assertThat(head).isEqualTo(13);
            int filesBefore = catalog.snapshot("basic").files().size();
            Files.writeString(
                    table.resolve(String.format("_delta_log/%020d.json", 14)),
                    "{\"commitInfo\":{\"operation\":\"WRITE\",\"engineInfo\":\"other\"}}\n"
                            + addLine("new-1.parquet", 10) + "\n");
            Files.writeString(
                    table.resolve(String.format("_delta_log/%020d.json", 15)),
                    "{\"remove\":{\"path\":\"new-1.parquet\",\"deletionTimestamp\":2,\"dataChange\":true}}\n"
                            + addLine("new-2.parquet", 20) + "\n");
            assertThat(importer.catchUp("basic", ImportProgress.NONE).headVersion())
                    .isEqualTo(15);
            assertThat(catalog.snapshotAt("basic", 14).files())
                    .extracting(AddFile::path)
                    .contains("new-1.parquet");
            Snapshot latest = catalog.snapshot("basic");
            assertThat(latest.files())
                    .hasSize(filesBefore + 1)
                    .extracting(AddFile::path)
                    .contains("new-2.parquet")
                    .doesNotContain("new-1.parquet");
            assertThat(catalog.history("basic"))
                    .extracting(HistoryEntry::version)
                    .startsWith(15L, 14L, 13L);
            // Nothing to do the second time, and nothing duplicated.
            String before = CatalogDump.of(db.jdbcUrl());
            assertThat(importer.catchUp("basic", ImportProgress.NONE).headVersion())
                    .isEqualTo(15);
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(catalog.actionLines("basic", 15))
                    .containsExactlyElementsOf(Files.readAllLines(
                            table.resolve(String.format("_delta_log/%020d.json", 15)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void importOverAnExistingNameIsRefusedAndChangesNothing() throws IOException {
        Path golden = GoldenTables.requireRoot().resolve("basic-with-inserts-deletes-checkpoint");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            importer.importTable(golden, "basic", ImportProgress.NONE);
            String before = CatalogDump.of(db.jdbcUrl());
            assertThatThrownBy(() -> importer.importTable(golden, "basic", ImportProgress.NONE))
                    .isInstanceOf(TableAlreadyExistsException.class)
                    .hasMessageContaining("'basic'");
            assertThatThrownBy(() -> importer.importTable(dir.resolve("nothing-here"), "other", ImportProgress.NONE))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("no _delta_log");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void importedTablesKeepGrowingThroughDeltasqlAndKernelAgreesAtEveryVersion(CatalogTarget target) throws Exception {
        Path table = dir.resolve("t");
        // Starts from a checkpoint: early JSON commits of this log were cleaned up.
        copyTree(GoldenTables.requireRoot().resolve("basic-with-inserts-deletes-checkpoint"), table);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            new DeltaLogImporter(catalog).importTable(table, "t", ImportProgress.NONE);
            for (int i = 0; i < 12; i++) {
                Snapshot s = catalog.snapshot("t");
                CommitRequest.Builder b = CommitRequest.builder("t", s.version());
                if (i == 4) {
                    var m = s.metadata();
                    b.add(new Metadata(
                            m.id(),
                            m.name(),
                            "grown by deltasql",
                            m.format(),
                            m.schemaString(),
                            m.partitionColumns(),
                            Map.of("delta.checkpointInterval", "5", "owner", "deltasql"),
                            m.createdTime(),
                            m.extra()));
                } else if (i % 3 == 2) {
                    b.add(new RemoveFile(s.files().get(0).path(), 1L, true));
                } else {
                    b.add(new AddFile("deltasql-" + i + ".parquet", Map.of(), 100 + i, 1, true, null));
                }
                catalog.commit(b.build());
            }
            assertThat(catalog.mirrorStatus("t").pending()).isEmpty();
            mirror.awaitIdle(); // checkpoints are written in the background
            assertThat(table.resolve(String.format("_delta_log/%020d.checkpoint.parquet", 20)))
                    .exists();
            var report = new TableVerifier(catalog).verify("t", true);
            assertThat(report.differences()).as(report.render()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void anOutsideWriterBlocksCommitsUntilTheTableIsCaughtUp(CatalogTarget target) throws IOException {
        Path table = dir.resolve("t");
        copyTree(GoldenTables.requireRoot().resolve("basic-with-inserts-deletes-checkpoint"), table);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            importer.importTable(table, "t", ImportProgress.NONE);
            // Spark appends version 14 behind deltasql's back.
            Files.writeString(
                    table.resolve(String.format("_delta_log/%020d.json", 14)), addLine("spark.parquet", 5) + "\n");
            new MirrorReconciler(catalog).reconcile();
            assertThat(catalog.mirrorStatus("t").blocked()).isTrue();
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 13)
                            .add(new AddFile("x.parquet", Map.of(), 1, 1, true, null))
                            .build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("re-import");
            // Catching up loads Spark's version and lifts the block; deltasql commits after it.
            importer.catchUp("t", ImportProgress.NONE);
            assertThat(catalog.mirrorStatus("t").blocked()).isFalse();
            assertThat(catalog.commit(CommitRequest.builder("t", 14)
                                    .add(new AddFile("x.parquet", Map.of(), 1, 1, true, null))
                                    .build())
                            .version())
                    .isEqualTo(15);
            assertThat(new TableVerifier(catalog).verify("t", false).differences())
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aTableWhoseLogWasRewrittenIsReimportedAsAWhole(CatalogTarget target) throws IOException {
        Path table = dir.resolve("t");
        copyTree(GoldenTables.requireRoot().resolve("basic-with-inserts-deletes-checkpoint"), table);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            importer.importTable(table, "t", ImportProgress.NONE);
            // Another engine writes version 14 before deltasql's own version 14 reaches the log.
            Files.writeString(
                    table.resolve(String.format("_delta_log/%020d.json", 14)), addLine("spark.parquet", 5) + "\n");
            DeltaLogMirror.install(catalog);
            catalog.commit(CommitRequest.builder("t", 13)
                    .add(new AddFile("ours.parquet", Map.of(), 1, 1, true, null))
                    .build());
            assertThat(catalog.mirrorStatus("t").blocked()).isTrue();
            assertThat(importer.catchUp("t", ImportProgress.NONE).headVersion()).isEqualTo(14);
            assertThat(catalog.mirrorStatus("t").blocked())
                    .as("catch-up cannot settle a rewritten version")
                    .isTrue();

            importer.reimportTable(table, "t", ImportProgress.NONE);
            assertThat(catalog.mirrorStatus("t").blocked()).isFalse();
            assertThat(catalog.snapshot("t").files())
                    .extracting(AddFile::path)
                    .contains("spark.parquet")
                    .doesNotContain("ours.parquet");
            assertThat(new TableVerifier(catalog).verify("t", true).differences())
                    .isEmpty();
            assertThatThrownBy(() -> importer.reimportTable(dir.resolve("nothing"), "t", ImportProgress.NONE))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(catalog.snapshot("t").version()).isEqualTo(14);
        }
    }

    @Test
    void anImportStartingAtACheckpointKeepsItsStateAndDomains() throws IOException {
        Path table = dir.resolve("cleaned");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest(
                    "src", table.toString(), Fixtures.SCHEMA, List.of(), Map.of("delta.checkpointInterval", "4")));
            catalog.commit(CommitRequest.builder("src", 0)
                    .add(new DomainMetadata("app.cfg", "{\"v\":1}", false, Map.of()))
                    .build());
            for (int v = 1; v < 6; v++) {
                catalog.commit(CommitRequest.builder("src", v)
                        .add(new AddFile("f" + v + ".parquet", Map.of(), v, 1, true, null))
                        .build());
            }
        }
        // A log cleaned up before its checkpoint at version 4, as Delta's log retention does.
        for (int v = 0; v < 4; v++) {
            Files.delete(table.resolve(String.format("_delta_log/%020d.json", v)));
        }
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, "cleaned", ImportProgress.NONE);
            assertThat(catalog.history("cleaned"))
                    .extracting(HistoryEntry::version)
                    .containsExactly(6L, 5L, 4L);
            assertThat(catalog.history("cleaned").get(2).operation()).isEqualTo("CHECKPOINT STATE");
            assertThat(catalog.snapshotAt("cleaned", 4).files())
                    .extracting(AddFile::path)
                    .containsExactlyInAnyOrder("f1.parquet", "f2.parquet", "f3.parquet");
            assertThat(catalog.snapshot("cleaned").domainMetadata()).containsKey("app.cfg");
            assertThat(catalog.snapshot("cleaned").numFiles()).isEqualTo(5);
            assertThatThrownBy(() -> catalog.snapshotAt("cleaned", 3)).isInstanceOf(VersionNotFoundException.class);
            assertThat(new TableVerifier(catalog).verify("cleaned", true).differences())
                    .isEmpty();
        }
    }

    /** The _delta_log's files and their contents, to show an import left the log as it was. */
    private static Map<String, String> logFiles(Path table) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(table.resolve("_delta_log"))) {
            for (Path p : paths.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";

    private static String metaData(String schemaString, String partitionColumns) {
        return "{\"metaData\":{\"id\":\"m1\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":"
                + schemaString + ",\"partitionColumns\":" + partitionColumns
                + ",\"configuration\":{},\"createdTime\":1}}";
    }

    /** K4: a metaData whose schemaString is not a Delta struct schema is refused (22023), at any version, on import and catch-up. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aMetaDataWhoseSchemaIsNotAJsonStructIsRefused(CatalogTarget target) throws IOException {
        String good =
                "\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\"";
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("not-json", List.of(PROTOCOL + "\n" + metaData("\"{oops\"", "[]")));
        cases.put("array", List.of(PROTOCOL + "\n" + metaData("\"[1,2]\"", "[]")));
        cases.put("unknown-partition-column", List.of(PROTOCOL + "\n" + metaData(good, "[\"region\"]")));
        cases.put(
                "later-version",
                List.of(
                        PROTOCOL + "\n" + metaData(good, "[]"),
                        addLine("a.parquet", 1) + "\n" + metaData("\"{oops\"", "[]")));
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            for (Map.Entry<String, List<String>> c : cases.entrySet()) {
                Path table = Files.createDirectories(dir.resolve(c.getKey()).resolve("_delta_log"))
                        .getParent();
                for (int v = 0; v < c.getValue().size(); v++) {
                    Files.writeString(
                            table.resolve(String.format("_delta_log/%020d.json", v)),
                            c.getValue().get(v) + "\n");
                }
                String before = CatalogDump.of(db.jdbcUrl());
                Map<String, String> logBefore = logFiles(table);
                int badVersion = c.getValue().size() - 1;
                assertThatThrownBy(() -> importer.importTable(table, c.getKey(), ImportProgress.NONE))
                        .as(c.getKey())
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining(table.toString())
                        .hasMessageContaining("version " + badVersion)
                        .hasMessageContaining("invalid schema")
                        .satisfies(e -> assertThat(((InvalidRequestException) e).sqlState())
                                .isEqualTo("22023"));
                assertThat(CatalogDump.of(db.jdbcUrl())).as(c.getKey()).isEqualTo(before);
                assertThat(logFiles(table)).as(c.getKey()).isEqualTo(logBefore);
            }
            // Catch-up refuses a bad schema that another engine committed after the import.
            Path grown = Files.createDirectories(dir.resolve("grown").resolve("_delta_log"))
                    .getParent();
            Files.writeString(
                    grown.resolve(String.format("_delta_log/%020d.json", 0)),
                    PROTOCOL + "\n" + metaData(good, "[]") + "\n");
            importer.importTable(grown, "grown", ImportProgress.NONE);
            Files.writeString(
                    grown.resolve(String.format("_delta_log/%020d.json", 1)), metaData("\"{oops\"", "[]") + "\n");
            String before = CatalogDump.of(db.jdbcUrl());
            assertThatThrownBy(() -> importer.catchUp("grown", ImportProgress.NONE))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("version 1")
                    .hasMessageContaining("not valid JSON");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
        }
    }

    @Test
    void aLargeLogImportsCompletelyWithProgress() throws IOException {
        Path table = dir.resolve("big");
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        int commits = 1_000;
        int filesPerCommit = 100;
        Files.writeString(
                log.resolve(String.format("%020d.json", 0)),
                "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
                        + "{\"metaData\":{\"id\":\"big\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                        + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
                        + "\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1}}\n");
        for (int v = 1; v <= commits; v++) {
            List<String> lines = new ArrayList<>();
            lines.add("{\"commitInfo\":{\"timestamp\":" + (1_700_000_000_000L + v) + ",\"operation\":\"WRITE\"}}");
            for (int i = 0; i < filesPerCommit; i++) {
                lines.add(addLine("part-" + v + "-" + i + ".parquet", 1000 + i));
            }
            Files.write(log.resolve(String.format("%020d.json", v)), lines, StandardCharsets.UTF_8);
        }
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            AtomicLong lastReported = new AtomicLong();
            new DeltaLogImporter(catalog).importTable(table, "big", (done, total) -> {
                assertThat(total).isEqualTo(commits + 1);
                lastReported.set(done);
            });
            assertThat(lastReported.get()).isEqualTo(commits + 1);
            Snapshot s = catalog.snapshot("big");
            assertThat(s.version()).isEqualTo(commits);
            assertThat(s.numFiles()).isEqualTo((long) commits * filesPerCommit);
            assertThat(catalog.history("big")).hasSize(commits + 1);
        }
    }
}
