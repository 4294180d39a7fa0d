package io.deltasql.core.internal.store;

import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.FileFilter;
import io.deltasql.core.ReadPredicate;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTarget.TestCatalog;
import io.deltasql.core.testing.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cold partition-filtered listings answered from the parts of a file-list checkpoint that hold
 * the wanted partitions, plus the commits after it, agree file for file with the row query at
 * every version (several values, null values, partition columns that changed, path filters); a
 * damaged, incomplete or range-less checkpoint is never used; a read at the head with no
 * checkpoint stores one.
 */
class CheckpointPartitionReadTest {
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"day\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";
    private static final String[] REGIONS = {"eu", "us", null, "ünï", "a'b%_"};
    private static final int FILES = 250;
    /** Version of the checkpoint the tests store; the head is {@link #HEAD}. */
    private static final long CHECKPOINTED = 2;

    private static final long HEAD = 5;
    /** A file of region eu active at every version from 1: its row is changed behind the catalog's back. */
    private static final String WITNESS = "r0/f5.parquet";

    private static AddFile add(String path, String region, String day, long size, int statsBytes) {
        Map<String, String> pv = new LinkedHashMap<>();
        pv.put("region", region);
        if (day != null) {
            pv.put("day", day.equals("null") ? null : day);
        }
        return new AddFile(
                path,
                pv,
                size,
                1_700_000_000_000L,
                true,
                "{\"numRecords\":1,\"pad\":\"" + "x".repeat(statsBytes) + "\"}");
    }

    /**
     * Versions 1..5 of table "t": files over five regions (eu and us with large stats, so each
     * fills parts of its own; the others share one); removes, re-adds and a tagged add; then
     * the partition columns change from (region) to (region, day), and a file moves partition.
     */
    private static void createTable(DeltaCatalog catalog) {
        catalog.createTable(
                new CreateTableRequest("t", Fixtures.location("cpr-t"), SCHEMA, List.of("region"), Map.of()));
        CommitRequest.Builder v1 = CommitRequest.builder("t", 0);
        for (int i = 0; i < FILES; i++) {
            int r = i % REGIONS.length;
            v1.add(add("r" + r + "/f" + i + ".parquet", REGIONS[r], null, 100 + i, r < 2 ? 6_000 : 10));
        }
        catalog.commit(v1.build());
        catalog.commit(CommitRequest.builder("t", 1)
                .add(remove("r0/f0.parquet"))
                .add(remove("r1/f1.parquet"))
                .add(add("r0/f10.parquet", "eu", null, 7_777, 5))
                .add(new AddFile(
                        "r0/tagged.parquet",
                        Map.of("region", "eu"),
                        9,
                        9,
                        true,
                        null,
                        Map.of("k", "v"),
                        null,
                        null,
                        null,
                        null,
                        Map.of()))
                .readPredicate(ReadPredicate.ALL)
                .build());
        catalog.commit(CommitRequest.builder("t", 2)
                .add(remove("r2/f2.parquet"))
                .add(remove("r0/tagged.parquet"))
                .add(add("r0/v3.parquet", "eu", null, 3, 5))
                .add(add("new/v3.parquet", "new", null, 3, 5))
                .add(add("r0/f15.parquet", "eu", null, 8_888, 5))
                .readPredicate(ReadPredicate.ALL)
                .build());
        Metadata m = catalog.snapshot("t").metadata();
        catalog.commit(CommitRequest.builder("t", 3)
                .add(new Metadata(
                        m.id(),
                        m.name(),
                        m.description(),
                        m.format(),
                        m.schemaString(),
                        List.of("region", "day"),
                        m.configuration(),
                        m.createdTime(),
                        Map.of()))
                .add(add("d/eu1.parquet", "eu", "1", 4, 5))
                .add(add("d/null2.parquet", null, "2", 4, 5))
                .add(add("d/eunull.parquet", "eu", "null", 4, 5))
                .readPredicate(ReadPredicate.ALL)
                .build());
        catalog.commit(CommitRequest.builder("t", 4)
                .add(remove("r0/f20.parquet"))
                .add(add("r1/f6.parquet", "eu", "1", 5, 5))
                .add(add("d/eu1b.parquet", "eu", "1", 5, 5))
                .readPredicate(ReadPredicate.ALL)
                .build());
    }

    private static Set<String> values(String... values) {
        return new HashSet<>(Arrays.asList(values));
    }

    private static List<FileFilter> filters() {
        List<FileFilter> filters = new ArrayList<>();
        for (String region : REGIONS) {
            filters.add(FileFilter.ALL.withPartition("region", values(region)));
            filters.add(FileFilter.ALL.withPartition("region", values(region)).withPartition("day", values("1", null)));
        }
        filters.add(FileFilter.ALL.withPartition("region", values("eu", null, "new")));
        filters.add(FileFilter.ALL.withPartition("region", values("nowhere")));
        filters.add(FileFilter.ALL.withPartition("region", values("eu", null)).withPartition("day", values("1", "2")));
        filters.add(FileFilter.ALL.withPartition("region", values("eu")).withPaths(Set.of(WITNESS, "r0/f10.parquet")));
        filters.add(FileFilter.ALL.withPartition("region", values("eu")).withPartition("id", values((String) null)));
        return filters;
    }

    private static DeltaCatalog withCheckpoints(TestCatalog db) {
        return db.open(b -> b.fileCheckpointMinFiles(10));
    }

    private static DeltaCatalog rowsOnly(TestCatalog db) {
        return db.open(b -> b.fileCheckpointMinFiles(0));
    }

    private static Set<AddFile> list(DeltaCatalog catalog, long version, FileFilter filter) {
        List<AddFile> files = new ArrayList<>();
        try (CloseableIterator<AddFile> it = catalog.snapshotAt("t", version).streamFiles(filter)) {
            it.forEachRemaining(files::add);
        }
        Set<AddFile> distinct = Set.copyOf(files);
        assertThat(distinct).as("no file twice").hasSize(files.size());
        return distinct;
    }

    /** A cold listing: a freshly opened catalog, so nothing is cached. */
    private static Set<AddFile> cold(TestCatalog db, boolean checkpoints, long version, FileFilter filter) {
        try (DeltaCatalog catalog = checkpoints ? withCheckpoints(db) : rowsOnly(db)) {
            return list(catalog, version, filter);
        }
    }

    private static long tableId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_id FROM ds_tables WHERE name = 't'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<AddFile> filesAtCheckpoint(TestCatalog db) {
        try (DeltaCatalog catalog = rowsOnly(db)) {
            return catalog.snapshotAt("t", CHECKPOINTED).files();
        }
    }

    /** Replaces every checkpoint of the table with one of {@code files} at {@link #CHECKPOINTED}, written here and now. */
    private static void storeCheckpoint(TestCatalog db, List<AddFile> files) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            execute(c, "DELETE FROM ds_file_checkpoints");
            execute(c, "DELETE FROM ds_file_checkpoint_ranges");
            assertThat(FileCheckpoints.write(c, tableId(c), CHECKPOINTED, files))
                    .isTrue();
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlRunner.bind(ps, args);
            ps.executeUpdate();
        }
    }

    private static void execute(TestCatalog db, String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            execute(c, sql, args);
        }
    }

    private static List<FileCheckpoints.PartRange> ranges(TestCatalog db) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            FileCheckpoints.Stored s = FileCheckpoints.newestAtOrBefore(c, tableId(c), CHECKPOINTED);
            return FileCheckpoints.ranges(c, s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parts whose range holds the partition {region: value}. */
    private static List<Integer> partsHolding(TestCatalog db, String region) {
        Set<String> hash = Set.of(PartitionHashes.of(Map.of("region", region)));
        return ranges(db).stream()
                .filter(r -> r.mayHold(hash))
                .map(FileCheckpoints.PartRange::part)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void partitionReadsFromTheCheckpointAgreeWithTheRowsAtEveryVersion(CatalogTarget target) throws Exception {
        try (TestCatalog db = target.create()) {
            try (DeltaCatalog catalog = rowsOnly(db)) {
                createTable(catalog);
            }
            storeCheckpoint(db, filesAtCheckpoint(db));
            assertThat(ranges(db))
                    .as("eu and us fill parts of their own, the small partitions share one")
                    .hasSizeGreaterThan(2);
            assertThat(partsHolding(db, "eu")).hasSize(1).doesNotContainAnyElementsOf(partsHolding(db, "us"));

            int nonEmpty = 0;
            for (long version = 1; version <= HEAD; version++) {
                for (FileFilter filter : filters()) {
                    Set<AddFile> expected = cold(db, false, version, filter);
                    assertThat(cold(db, true, version, filter))
                            .as("version %d, %s", version, filter)
                            .isEqualTo(expected);
                    nonEmpty += expected.isEmpty() ? 0 : 1;
                }
            }
            assertThat(nonEmpty).isGreaterThan(30);

            // Proof that the reads at and after the checkpoint came from it: a change made behind
            // the catalog's back to the row of a file active at every version shows in row reads only.
            execute(db, "UPDATE ds_files SET size_bytes = 1 WHERE path = ?", WITNESS);
            FileFilter eu = FileFilter.ALL.withPartition("region", values("eu"));
            for (long version = CHECKPOINTED; version <= 3; version++) {
                assertThat(cold(db, true, version, eu))
                        .extracting(AddFile::path)
                        .contains(WITNESS);
                assertThat(cold(db, true, version, eu))
                        .extracting(AddFile::size)
                        .doesNotContain(1L);
                assertThat(cold(db, false, version, eu))
                        .extracting(AddFile::size)
                        .contains(1L);
            }
            // Before the checkpoint, and with a path filter, the rows answer.
            assertThat(cold(db, true, 1, eu)).extracting(AddFile::size).contains(1L);
            assertThat(cold(db, true, 3, eu.withPaths(Set.of(WITNESS))))
                    .extracting(AddFile::size)
                    .containsExactly(1L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void damagedIncompleteOrRangelessCheckpointsFallBackToTheRows(CatalogTarget target) throws Exception {
        try (TestCatalog db = target.create()) {
            try (DeltaCatalog catalog = rowsOnly(db)) {
                createTable(catalog);
            }
            List<AddFile> atCheckpoint = filesAtCheckpoint(db);
            execute(db, "UPDATE ds_files SET size_bytes = 1 WHERE path = ?", WITNESS);
            FileFilter eu = FileFilter.ALL.withPartition("region", values("eu"));
            Set<AddFile> truth = cold(db, false, 3, eu);
            assertThat(truth).extracting(AddFile::size).contains(1L);

            // Each case: a fresh checkpoint, one kind of damage, then a cold read of eu at version 3.
            Map<String, Consumer<TestCatalog>> damages = new LinkedHashMap<>();
            damages.put(
                    "garbage in eu's part",
                    d -> sql(
                            d,
                            "UPDATE ds_file_checkpoints SET data = ? WHERE part = ?",
                            "garbage".getBytes(),
                            euPart(d)));
            damages.put("eu's part missing", d -> sql(d, "DELETE FROM ds_file_checkpoints WHERE part = ?", euPart(d)));
            damages.put(
                    "a range row missing",
                    d -> sql(
                            d,
                            "DELETE FROM ds_file_checkpoint_ranges WHERE part = ?",
                            (long) ranges(d).size() - 1));
            damages.put("eu's range counts a file of another part", d -> {
                long part = euPart(d);
                sql(d, "UPDATE ds_file_checkpoint_ranges SET files = files + 1 WHERE part = ?", part);
                sql(d, "UPDATE ds_file_checkpoint_ranges SET files = files - 1 WHERE part = ?", part == 0 ? 1L : 0L);
            });
            damages.put(
                    "no ranges (a checkpoint from before schema version 4)",
                    d -> sql(d, "DELETE FROM ds_file_checkpoint_ranges"));
            for (Map.Entry<String, Consumer<TestCatalog>> damage : damages.entrySet()) {
                storeCheckpoint(db, atCheckpoint);
                assertThat(cold(db, true, 3, eu))
                        .as("undamaged")
                        .extracting(AddFile::size)
                        .doesNotContain(1L);
                damage.getValue().accept(db);
                assertThat(cold(db, true, 3, eu)).as(damage.getKey()).isEqualTo(truth);
            }

            // Damage to a part that holds none of the wanted partitions does not matter: it is not read.
            storeCheckpoint(db, atCheckpoint);
            long usPart = partsHolding(db, "us").get(0);
            assertThat(usPart).isNotEqualTo(euPart(db));
            execute(db, "UPDATE ds_file_checkpoints SET data = ? WHERE part = ?", "garbage".getBytes(), usPart);
            assertThat(cold(db, true, 3, eu)).extracting(AddFile::size).doesNotContain(1L);
            assertThat(cold(db, true, 3, FileFilter.ALL.withPartition("region", values("us"))))
                    .isEqualTo(cold(db, false, 3, FileFilter.ALL.withPartition("region", values("us"))));
        }
    }

    private static long euPart(TestCatalog db) {
        return partsHolding(db, "eu").get(0);
    }

    private static void sql(TestCatalog db, String sql, Object... args) {
        try {
            execute(db, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aPartitionReadAtTheHeadWithoutACheckpointStoresOne(CatalogTarget target) throws Exception {
        try (TestCatalog db = target.create()) {
            try (DeltaCatalog catalog = rowsOnly(db)) {
                createTable(catalog);
            }
            FileFilter filter =
                    FileFilter.ALL.withPartition("region", values("eu")).withPartition("day", values("1"));
            Set<AddFile> expected = cold(db, false, HEAD, filter);
            try (DeltaCatalog catalog = withCheckpoints(db)) {
                assertThat(list(catalog, HEAD, filter)).isEqualTo(expected);
                awaitCheckpointAt(db, HEAD);
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
                FileCheckpoints.Stored s = FileCheckpoints.newestAtOrBefore(c, tableId(c), HEAD);
                assertThat(FileCheckpoints.ranges(c, s)).hasSize(s.parts());
            }
            execute(db, "UPDATE ds_files SET size_bytes = 1 WHERE path = ?", "d/eu1.parquet");
            assertThat(cold(db, true, HEAD, filter))
                    .extracting(AddFile::size)
                    .doesNotContain(1L)
                    .hasSize(expected.size());

            // The feature turned off reads the rows, checkpoint or not.
            assertThat(cold(db, false, HEAD, filter)).extracting(AddFile::size).contains(1L);
        }
    }

    private static void awaitCheckpointAt(TestCatalog db, long version) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT COUNT(*) FROM ds_file_checkpoints WHERE part = 0 AND version = " + version)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no file-list checkpoint was stored within a minute");
    }
}
