package io.deltasql.core.internal.store;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.ReadPredicate;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTarget.TestCatalog;
import io.deltasql.core.testing.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * File-list checkpoints: a cold load at the head stores one in the background; later cold loads
 * read it and replay the commits after it (or, for an older version, undo the commits since), and
 * agree file for file with a load from the rows at every version; a damaged, incomplete or mismatching checkpoint is never used; dropping the
 * table deletes them.
 */
class FileCheckpointTest {
    private static final int FILES = 300;

    /** A table of 300 files over four partitions (one null), then a commit that removes, adds and re-adds. */
    private static void createTable(DeltaCatalog catalog) {
        catalog.createTable(Fixtures.partitioned("t"));
        CommitRequest.Builder bulk = CommitRequest.builder("t", 0);
        String[] regions = {"eu", "us", null, "ünï"};
        for (int i = 0; i < FILES; i++) {
            bulk.add(add("r" + (i % 4) + "/f" + i + "%20ü.parquet", regions[i % 4]));
        }
        bulk.add(new AddFile(
                "tagged.parquet",
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
                Map.of()));
        bulk.add(new AddFile("nostats.parquet", Map.of("region", "us"), 9, 9, false, null));
        catalog.commit(bulk.build());
        catalog.commit(CommitRequest.builder("t", 1)
                .add(remove("r0/f0%20ü.parquet"))
                .add(readd("r1/f1%20ü.parquet", 5_555))
                .add(add("r2/new.parquet", null))
                .readPredicate(ReadPredicate.ALL)
                .build());
    }

    /** An add of a path that is already active: it replaces the active one. */
    private static AddFile readd(String path, long size) {
        return new AddFile(path, Map.of("region", "us"), size, 1, true, "{\"numRecords\":2}");
    }

    private static DeltaCatalog withCheckpoints(TestCatalog db) {
        return db.open(b -> b.fileCheckpointMinFiles(10));
    }

    private static Set<AddFile> fromRows(TestCatalog db, long version) {
        try (DeltaCatalog catalog = db.open(b -> b.fileCheckpointMinFiles(0))) {
            return Set.copyOf(catalog.snapshotAt("t", version).files());
        }
    }

    private static Set<AddFile> cold(TestCatalog db, long version) {
        try (DeltaCatalog catalog = withCheckpoints(db)) {
            List<AddFile> files = catalog.snapshotAt("t", version).files();
            assertThat(new HashSet<>(files)).hasSize(files.size());
            return Set.copyOf(files);
        }
    }

    /** Loads the head cold, which queues a checkpoint, and waits until it is stored; returns its version. */
    private static long storeCheckpoint(TestCatalog db) throws Exception {
        try (DeltaCatalog catalog = withCheckpoints(db)) {
            catalog.snapshot("t").files();
            for (int i = 0; i < 600; i++) {
                long[] newest = newest(db);
                if (newest != null && newest[0] == catalog.snapshot("t").version()) {
                    return newest[0];
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no file-list checkpoint was stored within a minute");
    }

    /** {version, parts} of the newest complete checkpoint, or null. */
    private static long[] newest(TestCatalog db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT version, parts FROM ds_file_checkpoints WHERE part = 0 ORDER BY version DESC")) {
            return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
        }
    }

    private static long rows(TestCatalog db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(TestCatalog db, String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                PreparedStatement ps = c.prepareStatement(sql)) {
            SqlRunner.bind(ps, args);
            ps.executeUpdate();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void coldLoadsReadTheCheckpointAndAgreeWithTheRowsAtEveryVersion(CatalogTarget target) throws Exception {
        try (TestCatalog db = target.create()) {
            try (DeltaCatalog catalog = withCheckpoints(db)) {
                createTable(catalog);
            }
            assertThat(newest(db)).isNull();
            assertThat(storeCheckpoint(db)).isEqualTo(2);
            try (DeltaCatalog catalog = withCheckpoints(db)) {
                catalog.commit(CommitRequest.builder("t", 2)
                        .add(remove("r3/f3%20ü.parquet"))
                        .add(add("r0/v3.parquet", "eu"))
                        .readPredicate(ReadPredicate.ALL)
                        .build());
                catalog.commit(CommitRequest.builder("t", 3)
                        .add(remove("tagged.parquet"))
                        .add(readd("r1/f1%20ü.parquet", 6_666))
                        .readPredicate(ReadPredicate.ALL)
                        .build());
            }
            for (long version = 1; version <= 4; version++) {
                assertThat(cold(db, version)).as("version %d", version).isEqualTo(fromRows(db, version));
            }
            assertThat(cold(db, 4).size()).isEqualTo(FILES + 2 - 1);

            // Proof that every load read the checkpoint (version 1 by going back from it, the
            // others by going forward): a change made behind the catalog's back to the row of a
            // file active at every version shows in row loads only.
            execute(db, "UPDATE ds_files SET size_bytes = 1 WHERE path = ?", "r2/f2%20ü.parquet");
            for (long version = 1; version <= 4; version++) {
                assertThat(cold(db, version)).extracting(AddFile::size).doesNotContain(1L);
                assertThat(fromRows(db, version)).extracting(AddFile::size).contains(1L);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void damagedIncompleteOrMismatchingCheckpointsAreNeverUsed(CatalogTarget target) throws Exception {
        try (TestCatalog db = target.create()) {
            try (DeltaCatalog catalog = withCheckpoints(db)) {
                createTable(catalog);
            }
            Set<AddFile> truth = fromRows(db, 2);

            storeCheckpoint(db);
            execute(db, "UPDATE ds_file_checkpoints SET data = ?", (Object) "garbage".getBytes());
            assertThat(cold(db, 2)).isEqualTo(truth);
            assertThat(cold(db, 2)).isEqualTo(truth);

            storeCheckpoint(db);
            execute(db, "UPDATE ds_file_checkpoints SET parts = parts + 1");
            assertThat(cold(db, 2)).isEqualTo(truth);

            storeCheckpoint(db);
            execute(db, "UPDATE ds_file_checkpoints SET files = files - 1");
            assertThat(cold(db, 2)).isEqualTo(truth);

            // A checkpoint whose list no longer matches the rows' file count is not used either.
            storeCheckpoint(db);
            execute(db, "UPDATE ds_commits SET num_files = num_files + 1 WHERE version = 2");
            try (DeltaCatalog catalog = withCheckpoints(db)) {
                assertThat(Set.copyOf(catalog.snapshot("t").files())).isEqualTo(truth);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aNewCheckpointSupersedesTheOldAndDroppingTheTableDeletesThem(CatalogTarget target) throws Exception {
        try (TestCatalog db = target.create()) {
            try (DeltaCatalog catalog = withCheckpoints(db)) {
                createTable(catalog);
            }
            storeCheckpoint(db);
            // Enough changes after the checkpoint (more than a tenth of the files and than the minimum) to rewrite it.
            try (DeltaCatalog catalog = withCheckpoints(db)) {
                CommitRequest.Builder more = CommitRequest.builder("t", 2);
                for (int i = 0; i < SnapshotReader.REWRITE_MIN_CHANGES + 1; i++) {
                    more.add(add("more/m" + i + ".parquet", "eu"));
                }
                catalog.commit(more.build());
            }
            assertThat(storeCheckpoint(db)).isEqualTo(3);
            assertThat(rows(db, "SELECT COUNT(*) FROM ds_file_checkpoints WHERE version <> 3"))
                    .isZero();
            assertThat(cold(db, 3)).isEqualTo(fromRows(db, 3));
            // Version 1 is far behind it (more files changed since than half the snapshot): read from the rows.
            execute(db, "UPDATE ds_files SET size_bytes = 1 WHERE path = ?", "r2/f2%20ü.parquet");
            assertThat(cold(db, 1))
                    .isEqualTo(fromRows(db, 1))
                    .extracting(AddFile::size)
                    .contains(1L);

            try (DeltaCatalog catalog = withCheckpoints(db)) {
                catalog.dropTable("t");
            }
            assertThat(rows(db, "SELECT COUNT(*) FROM ds_file_checkpoints")).isZero();
        }
    }
}
