package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.internal.store.FileKeys;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog schema is created on first connect, carries its version, and is never applied twice. */
class SchemaMigrationTest {

    private static List<Long> versions(String url) throws Exception {
        List<Long> v = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM ds_schema_version ORDER BY version")) {
            while (rs.next()) {
                v.add(rs.getLong(1));
            }
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void firstConnectCreatesTheSchemaAndLaterConnectsKeepIt(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            // Four processes' worth of catalogs opening an empty database at the same moment.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<DeltaCatalog>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit(() -> db.open()));
            }
            List<DeltaCatalog> catalogs = new ArrayList<>();
            for (Future<DeltaCatalog> f : opening) {
                catalogs.add(f.get());
            }
            pool.shutdown();
            assertThat(versions(db.jdbcUrl())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            catalogs.get(0).createTable(Fixtures.table("t"));
            assertThat(catalogs.get(3).findTable("t")).isPresent();
            catalogs.forEach(DeltaCatalog::close);
            try (DeltaCatalog again = db.open()) {
                assertThat(again.findTable("t")).isPresent();
            }
            assertThat(versions(db.jdbcUrl())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }

    /**
     * A catalog written before migration 2 (no stats, plain_add or partition_hash columns) is
     * upgraded on connect: every old file gets its partition hash, old rows are still read from
     * their JSON, and snapshots and partition filters answer exactly as before.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aVersionOneCatalogIsUpgradedAndReadsTheSame(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            List<AddFile> before;
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.partitioned("t"));
                AddFile tagged = AddFile.builder()
                        .path("eu/tagged.parquet")
                        .partitionValues(Map.of("region", "eu"))
                        .size(7)
                        .modificationTime(1L)
                        .tags(Map.of("owner", "x"))
                        .build();
                catalog.commit(CommitRequest.builder("t", 0)
                        .add(add("eu/a.parquet", "eu"))
                        .add(add("us/b.parquet", "us"))
                        .add(add("none/c.parquet", null))
                        .add(tagged)
                        .build());
                catalog.commit(CommitRequest.builder("t", 1)
                        .add(remove("us/b.parquet"))
                        .readPredicate(ReadPredicate.ALL)
                        .build());
                before = catalog.snapshot("t").files();
            }
            boolean mariadb = db.jdbcUrl().startsWith("jdbc:mariadb:");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                    Statement s = c.createStatement()) {
                dropPathKeys(s, mariadb);
                s.execute(mariadb ? "DROP INDEX ds_files_partition ON ds_files" : "DROP INDEX ds_files_partition");
                for (String column : List.of("stats", "plain_add", "partition_hash")) {
                    s.execute("ALTER TABLE ds_files DROP COLUMN " + column);
                }
                s.execute("DROP TABLE ds_file_checkpoints");
                s.execute("DROP TABLE ds_file_checkpoint_ranges");
                s.executeUpdate("DELETE FROM ds_schema_version WHERE version >= 2");
            }
            try (DeltaCatalog catalog = db.open()) {
                assertThat(versions(db.jdbcUrl())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT COUNT(*), COUNT(partition_hash), COUNT(plain_add) FROM ds_files")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(4);
                    assertThat(rs.getLong(2)).as("hashes backfilled").isEqualTo(4);
                    assertThat(rs.getLong(3))
                            .as("old rows are read from their JSON")
                            .isZero();
                }
                assertThat(catalog.snapshot("t").streamFiles(FileFilter.ALL.withPartition("region", Set.of("eu"))))
                        .toIterable()
                        .containsExactlyInAnyOrderElementsOf(before.stream()
                                .filter(f -> "eu".equals(f.partitionValues().get("region")))
                                .toList());
                assertThat(catalog.snapshot("t").files()).containsExactlyElementsOf(before);
                catalog.commit(CommitRequest.builder("t", 2)
                        .add(add("eu/d.parquet", "eu"))
                        .build());
                assertThat(catalog.snapshot("t").streamFiles(FileFilter.ALL.withPartition("region", Set.of("eu"))))
                        .toIterable()
                        .extracting(AddFile::path)
                        .containsExactlyInAnyOrder("eu/a.parquet", "eu/tagged.parquet", "eu/d.parquet");
            }
            try (DeltaCatalog catalog = db.open()) {
                Set<String> nullRegion = new HashSet<>();
                nullRegion.add(null);
                assertThat(catalog.snapshot("t").streamFiles(FileFilter.ALL.withPartition("region", nullRegion)))
                        .toIterable()
                        .extracting(AddFile::path)
                        .containsExactly("none/c.parquet");
            }
        }
    }

    /**
     * A catalog written before migration 4 (file-list checkpoints without part ranges) is
     * upgraded on connect: its checkpoint still serves whole-list loads, partition reads fall
     * back to the rows until a read at the head has a checkpoint with ranges stored.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aVersionThreeCatalogIsUpgradedAndItsCheckpointStillServes(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            try (DeltaCatalog catalog = db.open(b -> b.fileCheckpointMinFiles(10))) {
                catalog.createTable(Fixtures.partitioned("t"));
                CommitRequest.Builder bulk = CommitRequest.builder("t", 0);
                for (int i = 0; i < 40; i++) {
                    bulk.add(add("f" + i + ".parquet", i % 2 == 0 ? "eu" : "us"));
                }
                catalog.commit(bulk.build());
                catalog.snapshot("t").files(); // a cold load at the head stores a checkpoint in the background
                awaitRows(db.jdbcUrl(), "SELECT COUNT(*) FROM ds_file_checkpoints WHERE part = 0 AND version = 1");
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                    Statement s = c.createStatement()) {
                dropPathKeys(s, db.jdbcUrl().startsWith("jdbc:mariadb:"));
                s.execute("DROP TABLE ds_file_checkpoint_ranges");
                s.executeUpdate("DELETE FROM ds_schema_version WHERE version >= 4");
                // Changed behind the catalog's back: shows only in what is read from the rows.
                s.executeUpdate("UPDATE ds_files SET size_bytes = 1 WHERE path = 'f0.parquet'");
            }
            FileFilter eu = FileFilter.ALL.withPartition("region", Set.of("eu"));
            try (DeltaCatalog catalog = db.open(b -> b.fileCheckpointMinFiles(10))) {
                assertThat(versions(db.jdbcUrl())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                assertThat(count(db.jdbcUrl(), "SELECT COUNT(*) FROM ds_file_checkpoint_ranges"))
                        .isZero();
                assertThat(catalog.snapshot("t").files())
                        .hasSize(40)
                        .extracting(AddFile::size)
                        .doesNotContain(1L);
            }
            try (DeltaCatalog catalog = db.open(b -> b.fileCheckpointMinFiles(10))) {
                assertThat(catalog.snapshot("t").streamFiles(eu))
                        .toIterable()
                        .hasSize(20)
                        .extracting(AddFile::size)
                        .contains(1L);
                awaitRows(db.jdbcUrl(), "SELECT COUNT(*) FROM ds_file_checkpoint_ranges");
            }
            assertThat(count(db.jdbcUrl(), "SELECT COUNT(*) FROM ds_file_checkpoints WHERE part = 0"))
                    .isEqualTo(1);
            try (DeltaCatalog catalog = db.open(b -> b.fileCheckpointMinFiles(10))) {
                assertThat(catalog.snapshot("t").streamFiles(eu))
                        .toIterable()
                        .extracting(AddFile::path)
                        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20)
                                .mapToObj(i -> "f" + (2 * i) + ".parquet")
                                .toList());
            }
        }
    }

    /**
     * A catalog written before migration 6 (no staged commits, table uuids not indexed) is upgraded
     * on connect: its tables stay as they were, and catalog-managed tables can then be created and
     * found by their table id.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aVersionFiveCatalogGetsCatalogManagedTables(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.table("t"));
                catalog.commit(
                        CommitRequest.builder("t", 0).add(add("a.parquet")).build());
            }
            String url = db.jdbcUrl();
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute(
                        url.startsWith("jdbc:mariadb:")
                                ? "DROP INDEX ds_tables_uuid ON ds_tables"
                                : "DROP INDEX ds_tables_uuid");
                s.execute("DROP TABLE ds_staged_commits");
                s.executeUpdate("DELETE FROM ds_schema_version WHERE version >= 6");
            }
            try (DeltaCatalog catalog = db.open()) {
                assertThat(versions(url)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                assertThat(catalog.snapshot("t").files())
                        .extracting(AddFile::path)
                        .containsExactly("a.parquet");
                catalog.createTable(new CreateTableRequest(
                        "m",
                        Fixtures.location("m"),
                        Fixtures.SCHEMA,
                        List.of(),
                        Map.of("delta.feature.catalogManaged", "supported")));
                String id = catalog.snapshot("m").metadata().configuration().get(TableRules.CATALOG_TABLE_ID);
                assertThat(catalog.findTableById(id)).map(TableInfo::name).contains("m");
                assertThat(catalog.versionsAfter("m", -1, 0))
                        .singleElement()
                        .satisfies(v -> assertThat(v.file()).isNull());
            }
        }
    }

    /** Takes migration 5 off a catalog: the index first, as SQLite drops no indexed column. */
    private static void dropPathKeys(Statement s, boolean mariadb) throws SQLException {
        s.execute(mariadb ? "DROP INDEX ds_files_path ON ds_files" : "DROP INDEX ds_files_path");
        s.execute("ALTER TABLE ds_files DROP COLUMN path_key");
    }

    /**
     * A catalog written before migration 5 (no path_key) is upgraded on connect: every file with a
     * deletion vector gets the key of its path, files without one get none, and paths are found
     * exactly at each version, before and after a commit. A backfill stopped midway (where the
     * database commits it chunk by chunk, not SQLite) is finished by the next connect.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aVersionFourCatalogWithDeletionVectorsIsBackfilledAndFindsPaths(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            AddFile a = add("a.parquet");
            AddFile b = add("b.parquet");
            AddFile a1 =
                    a.toBuilder().deletionVector(Fixtures.deletionVector(1)).build();
            AddFile a2 =
                    a.toBuilder().deletionVector(Fixtures.deletionVector(2)).build();
            AddFile b1 =
                    b.toBuilder().deletionVector(Fixtures.deletionVector(3)).build();
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.withDeletionVectors("dv"));
                catalog.createTable(Fixtures.table("plain"));
                catalog.commit(CommitRequest.builder("plain", 0).add(a).build());
                catalog.commit(CommitRequest.builder("dv", 0).add(a).add(b).build());
                catalog.commit(CommitRequest.builder("dv", 1)
                        .add(a.toRemove(1L, true))
                        .add(a1)
                        .add(b.toRemove(1L, true))
                        .add(b1)
                        .readPredicate(ReadPredicate.ALL)
                        .build());
                catalog.commit(CommitRequest.builder("dv", 2)
                        .add(a1.toRemove(2L, true))
                        .add(a2)
                        .readPredicate(ReadPredicate.ALL)
                        .build());
            }
            List<List<String>> expected = List.of(
                    List.of(),
                    List.of(described(a), described(b)),
                    List.of(described(a1), described(b1)),
                    List.of(described(a2), described(b1)));
            String url = db.jdbcUrl();
            if (!url.startsWith("jdbc:sqlite:")) {
                try (Connection c = DriverManager.getConnection(url);
                        Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE ds_files SET path_key = NULL WHERE path = 'a.parquet'"))
                            .isEqualTo(4);
                    s.executeUpdate("DELETE FROM ds_schema_version WHERE version >= 5");
                }
                try (DeltaCatalog catalog = db.open()) {
                    assertThat(versions(url)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                    assertPathKeys(url);
                    assertFoundByPath(catalog, expected);
                }
            }
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                dropPathKeys(s, url.startsWith("jdbc:mariadb:"));
                s.executeUpdate("DELETE FROM ds_schema_version WHERE version >= 5");
            }
            try (DeltaCatalog catalog = db.open()) {
                assertThat(versions(url)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                assertPathKeys(url);
                assertFoundByPath(catalog, expected);
                catalog.commit(CommitRequest.builder("dv", 3)
                        .add(a2.toRemove(3L, true))
                        .add(a)
                        .readPredicate(ReadPredicate.ALL)
                        .build());
                assertThat(found(catalog.snapshot("dv"), Set.of("a.parquet", "b.parquet")))
                        .containsExactlyInAnyOrder(described(a), described(b1));
                assertThat(found(catalog.snapshot("plain"), Set.of("a.parquet", "b.parquet")))
                        .containsExactly(described(a));
            }
        }
    }

    /** Every file with a deletion vector has the key of its path alone; no other file has a path key. */
    private static void assertPathKeys(String url) throws Exception {
        int withVectors = 0;
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_id, path, dv_id, path_key FROM ds_files")) {
            while (rs.next()) {
                String pathKey = rs.getString(4);
                if (rs.getString(3) == null) {
                    assertThat(pathKey)
                            .as("path key of %s without a vector", rs.getString(2))
                            .isNull();
                } else {
                    withVectors++;
                    assertThat(pathKey)
                            .as("path key of %s", rs.getString(2))
                            .isEqualTo(FileKeys.of(rs.getLong(1), new FileKey(rs.getString(2), null)));
                }
            }
        }
        assertThat(withVectors).isEqualTo(3);
    }

    /** Both paths are found, read cold, as {@code expected} lists them for each version. */
    private static void assertFoundByPath(DeltaCatalog catalog, List<List<String>> expected) {
        for (int v = 0; v < expected.size(); v++) {
            Snapshot at = catalog.snapshotAt("dv", v);
            assertThat(found(at, Set.of("a.parquet", "b.parquet")))
                    .as("both paths at version %d", v)
                    .containsExactlyInAnyOrderElementsOf(expected.get(v));
            List<String> a = expected.get(v).stream()
                    .filter(f -> f.startsWith("a.parquet "))
                    .toList();
            assertThat(found(at, Set.of("a.parquet")))
                    .as("a.parquet alone at version %d", v)
                    .isEqualTo(a);
        }
    }

    private static List<String> found(Snapshot snapshot, Set<String> paths) {
        List<String> files = new ArrayList<>();
        try (CloseableIterator<AddFile> it = snapshot.streamFiles(FileFilter.ALL.withPaths(paths))) {
            it.forEachRemaining(f -> files.add(described(f)));
        }
        return files;
    }

    /** A file's path and deletion vector (which tells its lifetimes apart). */
    private static String described(AddFile f) {
        return f.path() + " with " + f.deletionVector();
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits up to a minute for {@code sql} (a count) to count something: background checkpoint work. */
    private static void awaitRows(String url, String sql) throws Exception {
        for (int i = 0; i < 600 && count(url, sql) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(count(url, sql)).as(sql).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aCatalogFromANewerDeltasqlIsRefused(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            db.open().close();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO ds_schema_version (version, description, applied_at) VALUES (99, 'from the future', 0)");
            }
            assertThatThrownBy(db::open)
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("schema version 99")
                    .hasMessageContaining("upgrade deltasql");
        }
    }
}
