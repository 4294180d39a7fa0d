package io.deltasql.core.managed;

import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitConflictException;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CommitResult;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.Snapshot;
import io.deltasql.core.StagedCommitFile;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableRules;
import io.deltasql.core.UnsupportedRequestException;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalog-managed tables in the core: created with the properties Delta requires, ratifying the
 * staged commits their clients write (exactly at the next version, idempotent on retry), telling
 * clients the versions not yet published (staging deltasql's own), and refusing what breaks the
 * feature's rules with nothing changed, on every catalog database.
 */
class CatalogManagedTablesTest {
    private static final Map<String, String> CATALOG_MANAGED = Map.of("delta.feature.catalogManaged", "supported");

    @TempDir
    Path dir;

    private CreateTableRequest managedTable(String name) {
        return new CreateTableRequest(name, dir.resolve(name).toString(), Fixtures.SCHEMA, List.of(), CATALOG_MANAGED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aCatalogManagedTableKeepsInCommitTimestampsAndHasATableId(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(managedTable("m"));
            Snapshot s = catalog.snapshot("m");
            assertThat(TableRules.isCatalogManaged(s.protocol())).isTrue();
            assertThat(s.protocol().readerFeatures()).contains("catalogManaged", "vacuumProtocolCheck");
            assertThat(s.protocol().writerFeatures())
                    .contains("catalogManaged", "vacuumProtocolCheck", "inCommitTimestamp");
            Map<String, String> config = s.metadata().configuration();
            assertThat(config).containsEntry("delta.enableInCommitTimestamps", "true");
            String id = config.get(TableRules.CATALOG_TABLE_ID);
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            assertThat(catalog.findTableById(id)).map(TableInfo::name).contains("m");
            assertThat(catalog.findTableById(UUID.randomUUID().toString())).isEmpty();
            assertThat(catalog.findTableById("not-a-uuid")).isEmpty();

            CommitResult r = catalog.commit(
                    CommitRequest.builder("m", 0).add(add("a.parquet")).build());
            assertThat(catalog.actionLines("m", r.version()).get(0))
                    .contains("\"inCommitTimestamp\":" + r.timestamp())
                    .contains("\"txnId\":\"" + r.commitId() + "\"");

            // A table created with its own id keeps it; a second table cannot have it.
            String own = UUID.randomUUID().toString();
            catalog.createTable(new CreateTableRequest(
                    "own",
                    dir.resolve("own").toString(),
                    Fixtures.SCHEMA,
                    List.of(),
                    Map.of("delta.feature.catalogManaged", "supported", TableRules.CATALOG_TABLE_ID, own)));
            assertThat(catalog.findTableById(own)).map(TableInfo::name).contains("own");
            assertThatThrownBy(() -> catalog.createTable(new CreateTableRequest(
                            "twin",
                            dir.resolve("twin").toString(),
                            Fixtures.SCHEMA,
                            List.of(),
                            Map.of("delta.feature.catalogManaged", "supported", TableRules.CATALOG_TABLE_ID, own))))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("already the id of table 'own'");
            assertThat(catalog.findTable("twin")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theFeatureRulesAreKept(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            assertThatThrownBy(() -> catalog.createTable(new CreateTableRequest(
                            "off",
                            dir.resolve("off").toString(),
                            Fixtures.SCHEMA,
                            List.of(),
                            Map.of(
                                    "delta.feature.catalogManaged",
                                    "supported",
                                    "delta.enableInCommitTimestamps",
                                    "false"))))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("keeps in-commit timestamps");
            assertThatThrownBy(() -> catalog.createTable(new CreateTableRequest(
                            "badid",
                            dir.resolve("badid").toString(),
                            Fixtures.SCHEMA,
                            List.of(),
                            Map.of("delta.feature.catalogManaged", "supported", TableRules.CATALOG_TABLE_ID, "x"))))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("is not a UUID");
            assertThat(catalog.listTables()).isEmpty();

            catalog.createTable(Fixtures.table("plain"));
            Metadata plain = catalog.snapshot("plain").metadata();
            Map<String, String> upgrade = new HashMap<>(plain.configuration());
            upgrade.put("delta.feature.catalogManaged", "supported");
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("plain", 0)
                            .add(plain.withConfiguration(upgrade))
                            .build()))
                    .isInstanceOf(UnsupportedRequestException.class)
                    .hasMessageContaining("cannot become catalog-managed");

            catalog.createTable(managedTable("m"));
            Metadata managed = catalog.snapshot("m").metadata();
            Map<String, String> off = new HashMap<>(managed.configuration());
            off.put("delta.enableInCommitTimestamps", "false");
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("m", 0)
                            .add(managed.withConfiguration(off))
                            .build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("keeps in-commit timestamps");
            Map<String, String> otherId = new HashMap<>(managed.configuration());
            otherId.put(TableRules.CATALOG_TABLE_ID, UUID.randomUUID().toString());
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("m", 0)
                            .add(managed.withConfiguration(otherId))
                            .build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("cannot change");
            assertThat(catalog.snapshot("plain").version()).isZero();
            assertThat(catalog.snapshot("m").version()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aStagedCommitIsRatifiedAtTheNextVersionAndPublished(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            CatalogManagedTables managed = new CatalogManagedTables(catalog);
            catalog.createTable(managedTable("m"));
            TableInfo t = catalog.table("m");
            Path log = dir.resolve("m/_delta_log");
            mirror.awaitIdle();
            // The mirror gives the table the directory its clients stage commits in (they do not create it).
            assertThat(log.resolve("_staged_commits")).isDirectory();

            String staged = stage(log, 1, t.headTimestamp() + 1000, "txn-1", "a.parquet");
            CommitResult r = managed.commit(t, 1, staged, size(log, staged), 5L);
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.commitId()).isEqualTo("txn-1");
            assertThat(r.timestamp()).isEqualTo(t.headTimestamp() + 1000);
            mirror.awaitIdle();
            assertThat(catalog.snapshot("m").files()).extracting(f -> f.path()).containsExactly("a.parquet");
            // The catalog stores the staged lines as they are, and the mirror publishes exactly them.
            assertThat(Files.readAllLines(log.resolve("00000000000000000001.json")))
                    .isEqualTo(Files.readAllLines(log.resolve("_staged_commits").resolve(staged)));
            assertThat(catalog.history("m").get(0).timestamp()).isEqualTo(r.timestamp());

            // A retried request (same staged commit) gets its version again; another client's commit
            // for a version already taken is a conflict; a version past the next is refused.
            assertThat(managed.commit(t, 1, staged, size(log, staged), 5L)).isEqualTo(r);
            String late = stage(log, 1, t.headTimestamp() + 2000, "txn-late", "b.parquet");
            assertThatThrownBy(() -> managed.commit(t, 1, late, size(log, late), 5L))
                    .isInstanceOfSatisfying(
                            CommitConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo(CommitConflictException.Kind.CONCURRENT_WRITE));
            String gap = stage(log, 3, t.headTimestamp() + 3000, "txn-gap", "c.parquet");
            assertThatThrownBy(() -> managed.commit(t, 3, gap, size(log, gap), 5L))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("does not follow the table's latest version 1");

            CatalogManagedTables.Commits commits = managed.commits(catalog.table("m"), 0, null);
            assertThat(commits.latestVersion()).isEqualTo(1);
            assertThat(commits.commits()).isEmpty(); // published already
            assertThat(catalog.snapshot("m").version()).isEqualTo(1);
            assertThat(Files.exists(log.resolve("00000000000000000002.json"))).isFalse();
            assertThat(Files.exists(log.resolve("00000000000000000003.json"))).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void badStagedCommitsChangeNothing(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            CatalogManagedTables managed = new CatalogManagedTables(catalog);
            catalog.createTable(managedTable("m"));
            catalog.createTable(new CreateTableRequest(
                    "plain", dir.resolve("plain").toString(), Fixtures.SCHEMA, List.of(), Map.of()));
            mirror.awaitIdle();
            assertThat(dir.resolve("plain/_delta_log/_staged_commits"))
                    .as("only a catalog-managed table gets one")
                    .doesNotExist();
            TableInfo t = catalog.table("m");
            Path log = dir.resolve("m/_delta_log");
            long ict = t.headTimestamp() + 1000;
            Path stagedDir = log.resolve("_staged_commits");

            String missing = String.format("%020d.%s.json", 1, UUID.randomUUID());
            assertRefused(() -> managed.commit(t, 1, missing, 10, 5), "does not exist");
            String good = stage(log, 1, ict, "txn", "a.parquet");
            assertRefused(() -> managed.commit(t, 2, good, 10, 5), "is not the name of a staged commit of version 2");
            assertRefused(() -> managed.commit(t, 1, "../../x.json", 10, 5), "is not the name of a staged commit");
            String garbage = String.format("%020d.%s.json", 1, UUID.randomUUID());
            Files.writeString(
                    stagedDir.resolve(garbage), "{\"commitInfo\":{\"inCommitTimestamp\":" + ict + "}}\nnot json\n");
            assertRefused(() -> managed.commit(t, 1, garbage, 10, 5), "line 2");
            String noIct = String.format("%020d.%s.json", 1, UUID.randomUUID());
            Files.writeString(
                    stagedDir.resolve(noIct),
                    "{\"commitInfo\":{\"timestamp\":1}}\n" + ActionCodec.toJson(add("a.parquet")) + "\n");
            assertRefused(() -> managed.commit(t, 1, noIct, 10, 5), "inCommitTimestamp");
            String oldIct = stage(log, 1, t.headTimestamp(), "txn-old", "a.parquet");
            assertRefused(() -> managed.commit(t, 1, oldIct, 10, 5), "is not after version 0");
            String outside = String.format("%020d.%s.json", 1, UUID.randomUUID());
            Files.writeString(
                    stagedDir.resolve(outside),
                    commitInfo(ict, "txn-out") + "\n" + ActionCodec.toJson(add("/etc/passwd")) + "\n");
            assertRefused(() -> managed.commit(t, 1, outside, 10, 5), "/etc/passwd");
            TableInfo plain = catalog.table("plain");
            String toPlain = stage(dir.resolve("plain/_delta_log"), 1, ict, "txn-p", "a.parquet");
            assertRefused(() -> managed.commit(plain, 1, toPlain, 10, 5), "not catalog-managed");

            assertThat(catalog.snapshot("m").version()).isZero();
            assertThat(catalog.snapshot("plain").version()).isZero();
            assertThat(logFiles(log)).containsExactly("00000000000000000000.json");
            assertThat(logFiles(dir.resolve("plain/_delta_log"))).containsExactly("00000000000000000000.json");
            assertThat(catalog.findCommit("txn")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void unpublishedVersionsAreReturnedWithStagedFilesIncludingDeltasqlsOwn(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            // No mirror: nothing is published but what the client publishes.
            CatalogManagedTables managed = new CatalogManagedTables(catalog);
            catalog.createTable(managedTable("m"));
            Path log = dir.resolve("m/_delta_log");
            Files.createDirectories(log);
            TableInfo t = catalog.table("m");
            String staged = stage(log, 1, t.headTimestamp() + 1000, "txn-1", "a.parquet");
            managed.commit(t, 1, staged, size(log, staged), 7L);
            CommitResult own = catalog.commit(
                    CommitRequest.builder("m", 1).add(add("b.parquet")).build());

            CatalogManagedTables.Commits commits = managed.commits(catalog.table("m"), 0, null);
            assertThat(commits.latestVersion()).isEqualTo(2);
            assertThat(commits.commits()).extracting(StagedCommitFile::version).containsExactly(0L, 1L, 2L);
            StagedCommitFile v1 = commits.commits().get(1);
            assertThat(v1.fileName()).isEqualTo(staged);
            assertThat(v1.fileModificationTime()).isEqualTo(7L);
            StagedCommitFile v2 = commits.commits().get(2);
            assertThat(v2.timestamp()).isEqualTo(own.timestamp());
            Path ownStaged = log.resolve("_staged_commits").resolve(v2.fileName());
            assertThat(Files.readAllLines(ownStaged)).isEqualTo(catalog.actionLines("m", 2));
            assertThat(v2.fileSize()).isEqualTo(Files.size(ownStaged));
            // Asked again: the same staged file, not a new one.
            assertThat(managed.commits(catalog.table("m"), 2, null).commits()).containsExactly(v2);
            assertThat(managed.commits(catalog.table("m"), 1, 1L).commits()).containsExactly(v1);

            // The client's word that it published is checked against the log.
            managed.published(catalog.table("m"), 1);
            assertThat(catalog.mirrorStatus("m").mirroredVersion()).isEqualTo(-1);
            Files.copy(log.resolve("_staged_commits").resolve(staged), log.resolve("00000000000000000001.json"));
            Files.writeString(log.resolve("00000000000000000000.json"), String.join("\n", catalog.actionLines("m", 0)));
            managed.published(catalog.table("m"), 1);
            MirrorStatus status = catalog.mirrorStatus("m");
            assertThat(status.mirroredVersion()).isEqualTo(1);
            assertThat(managed.commits(catalog.table("m"), 0, null).commits())
                    .extracting(StagedCommitFile::version)
                    .containsExactly(2L);
        }
    }

    /**
     * A client whose version was taken resolves the conflict from the winners' {@code <v>.json}:
     * they are published before the conflict is answered, even with no mirror running.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theWinnersArePublishedBeforeAConflictIsAnswered(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            CatalogManagedTables managed = new CatalogManagedTables(catalog);
            catalog.createTable(managedTable("m"));
            Path log = dir.resolve("m/_delta_log");
            Files.createDirectories(log);
            TableInfo t = catalog.table("m");
            String first = stage(log, 1, t.headTimestamp() + 1000, "txn-1", "a.parquet");
            managed.commit(t, 1, first, size(log, first), 7L);
            catalog.commit(CommitRequest.builder("m", 1).add(add("b.parquet")).build());
            assertThat(Files.exists(log.resolve("00000000000000000001.json"))).isFalse();

            String loser = stage(log, 1, t.headTimestamp() + 1500, "txn-loser", "c.parquet");
            assertThatThrownBy(() -> managed.commit(t, 1, loser, size(log, loser), 7L))
                    .isInstanceOf(CommitConflictException.class);
            for (long v = 0; v <= 2; v++) {
                assertThat(Files.readAllLines(log.resolve(String.format("%020d.json", v))))
                        .isEqualTo(catalog.actionLines("m", v));
            }
            assertThat(catalog.snapshot("m").version()).isEqualTo(2);
            assertThat(catalog.findCommit("txn-loser")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aTableAClientCreatedIsRegisteredFromItsVersionZero(CatalogTarget target) throws Exception {
        try (var writerDb = target.create();
                DeltaCatalog writer = writerDb.open();
                var db = target.create();
                DeltaCatalog catalog = db.open()) {
            // Another catalog writes a catalog-managed table's version 0, as a client would.
            DeltaLogMirror mirror = DeltaLogMirror.install(writer);
            writer.createTable(managedTable("made"));
            writer.createTable(new CreateTableRequest(
                    "plain", dir.resolve("plain").toString(), Fixtures.SCHEMA, List.of(), Map.of()));
            mirror.awaitIdle();
            String id = writer.snapshot("made").metadata().configuration().get(TableRules.CATALOG_TABLE_ID);
            String location = dir.resolve("made").toString();
            CatalogManagedTables managed = new CatalogManagedTables(catalog);

            assertRefused(
                    () -> managed.registerCreated(
                            "made", location, UUID.randomUUID().toString()),
                    "has table id");
            assertRefused(
                    () -> managed.registerCreated("made", dir.resolve("nothing").toString(), id), "no version 0");
            assertRefused(
                    () -> managed.registerCreated("plain", dir.resolve("plain").toString(), id),
                    "does not make a catalog-managed table");
            assertThat(catalog.listTables()).isEmpty();

            TableInfo t = managed.registerCreated("made", location, id);
            assertThat(catalog.findTableById(id)).contains(t);
            assertThat(catalog.snapshot("made").metadata())
                    .isEqualTo(writer.snapshot("made").metadata());
            assertThat(catalog.mirrorStatus("made").mirroredVersion()).isZero();
            assertThat(managed.registerCreated("made", location, id)).isEqualTo(t); // a retried request
            assertRefused(() -> managed.registerCreated("other", location, id), "already the id of table 'made'");
        }
    }

    private static void assertRefused(Runnable call, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message);
    }

    private static String commitInfo(long ict, String txnId) {
        return "{\"commitInfo\":{\"timestamp\":" + ict + ",\"inCommitTimestamp\":" + ict
                + ",\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"},\"txnId\":\"" + txnId
                + "\"}}";
    }

    /** Writes a staged commit of {@code version} adding {@code path}, as a client would; returns its file name. */
    private static String stage(Path log, long version, long ict, String txnId, String path) throws IOException {
        Path dir = log.resolve("_staged_commits");
        Files.createDirectories(dir);
        String name = String.format("%020d.%s.json", version, UUID.randomUUID());
        Files.writeString(
                dir.resolve(name),
                commitInfo(ict, txnId) + "\n" + ActionCodec.toJson(add(path)) + "\n",
                StandardCharsets.UTF_8);
        return name;
    }

    private static long size(Path log, String staged) throws IOException {
        return Files.size(log.resolve("_staged_commits").resolve(staged));
    }

    private static List<String> logFiles(Path log) throws IOException {
        try (Stream<Path> files = Files.list(log)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
