package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files named by path, read cold from the catalog: a table without deletion vectors finds them
 * by file key, a table with them by file key or path key; both give exactly the files active at
 * each version, across a remove and a re-add of the same path.
 */
class SnapshotPathLookupTest {
    private static final Set<String> ASKED = Set.of("a.parquet", "b.parquet", "c.parquet", "absent.parquet");

    /** v1 adds a, b, c; v2 removes b; v3 adds b again and removes c. */
    private static void fill(DeltaCatalog catalog, String table) {
        catalog.commit(CommitRequest.builder(table, 0)
                .add(add("a.parquet"))
                .add(add("b.parquet"))
                .add(add("c.parquet"))
                .build());
        catalog.commit(CommitRequest.builder(table, 1)
                .add(remove("b.parquet"))
                .readPredicate(ReadPredicate.ALL)
                .build());
        catalog.commit(CommitRequest.builder(table, 2)
                .add(add("b.parquet"))
                .add(remove("c.parquet"))
                .readPredicate(ReadPredicate.ALL)
                .build());
    }

    private static List<String> paths(Snapshot snapshot, Set<String> asked) {
        List<String> paths = new ArrayList<>();
        try (CloseableIterator<AddFile> it = snapshot.streamFiles(FileFilter.ALL.withPaths(asked))) {
            it.forEachRemaining(f -> paths.add(f.path()));
        }
        return paths;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void namedPathsAreTheFilesActiveAtEachVersion(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.table("t"));
                fill(catalog, "t");
            }
            try (DeltaCatalog catalog = db.open()) { // a fresh catalog: nothing cached, every answer from the rows
                assertThat(paths(catalog.snapshotAt("t", 1), ASKED))
                        .containsExactlyInAnyOrder("a.parquet", "b.parquet", "c.parquet");
                assertThat(paths(catalog.snapshotAt("t", 2), ASKED))
                        .containsExactlyInAnyOrder("a.parquet", "c.parquet");
                assertThat(paths(catalog.snapshot("t"), ASKED)).containsExactlyInAnyOrder("a.parquet", "b.parquet");
                assertThat(paths(catalog.snapshot("t"), Set.of("c.parquet", "absent.parquet")))
                        .isEmpty();
                assertThat(paths(catalog.snapshotAt("t", 0), ASKED)).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void filesWithDeletionVectorsAreFoundByPath(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            DeletionVectorDescriptor dv = Fixtures.deletionVector(1);
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.withDeletionVectors("dv"));
                fill(catalog, "dv");
                catalog.commit(CommitRequest.builder("dv", 3)
                        .add(remove("a.parquet"))
                        .add(add("a.parquet").toBuilder().deletionVector(dv).build())
                        .readPredicate(ReadPredicate.ALL)
                        .build());
            }
            try (DeltaCatalog catalog = db.open()) {
                List<AddFile> found = new ArrayList<>();
                try (CloseableIterator<AddFile> it =
                        catalog.snapshot("dv").streamFiles(FileFilter.ALL.withPaths(ASKED))) {
                    it.forEachRemaining(found::add);
                }
                assertThat(found).extracting(AddFile::path).containsExactlyInAnyOrder("a.parquet", "b.parquet");
                assertThat(found)
                        .filteredOn(f -> f.path().equals("a.parquet"))
                        .extracting(AddFile::deletionVector)
                        .containsExactly(dv);
                assertThat(paths(catalog.snapshotAt("dv", 3), ASKED))
                        .containsExactlyInAnyOrder("a.parquet", "b.parquet");
            }
        }
    }

    /**
     * A path whose deletion vector is set, replaced twice, then whose file is removed and added
     * again without one: each lifetime is found exactly at the versions it was active, with its
     * vector, looked up alone and with another path.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void onePathThroughSeveralDeletionVectorsIsFoundAtEachVersion(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            // Version v's lifetime of a.parquet (null: not active at v).
            List<AddFile> lifetimes = new ArrayList<>();
            lifetimes.add(null);
            lifetimes.add(add("a.parquet"));
            for (int offset = 1; offset <= 3; offset++) {
                lifetimes.add(add("a.parquet").toBuilder()
                        .deletionVector(Fixtures.deletionVector(offset))
                        .build());
            }
            lifetimes.add(null);
            lifetimes.add(add("a.parquet"));
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.withDeletionVectors("dv"));
                for (int v = 1; v < lifetimes.size(); v++) {
                    CommitRequest.Builder commit =
                            CommitRequest.builder("dv", v - 1).readPredicate(ReadPredicate.ALL);
                    AddFile before = lifetimes.get(v - 1);
                    if (before != null) {
                        commit.add(before.toRemove(1_700_000_000_000L, true));
                    }
                    if (v == 1) {
                        commit.add(add("b.parquet"));
                    }
                    if (lifetimes.get(v) != null) {
                        commit.add(lifetimes.get(v));
                    }
                    catalog.commit(commit.build());
                }
            }
            try (DeltaCatalog catalog = db.open()) {
                for (int v = 0; v < lifetimes.size(); v++) {
                    Snapshot at = catalog.snapshotAt("dv", v);
                    List<String> expected = new ArrayList<>();
                    if (lifetimes.get(v) != null) {
                        expected.add(described(lifetimes.get(v)));
                    }
                    assertThat(files(at, Set.of("a.parquet")))
                            .as("a.parquet alone at version %d", v)
                            .containsExactlyElementsOf(expected);
                    if (v > 0) {
                        expected.add(described(add("b.parquet")));
                    }
                    assertThat(files(at, Set.of("a.parquet", "b.parquet")))
                            .as("with b.parquet at version %d", v)
                            .containsExactlyInAnyOrderElementsOf(expected);
                }
            }
        }
    }

    /** The files found under {@code asked}, each as {@link #described}. */
    private static List<String> files(Snapshot snapshot, Set<String> asked) {
        List<String> files = new ArrayList<>();
        try (CloseableIterator<AddFile> it = snapshot.streamFiles(FileFilter.ALL.withPaths(asked))) {
            it.forEachRemaining(f -> files.add(described(f)));
        }
        return files;
    }

    /** A file's path and deletion vector (which tells its lifetimes apart). */
    private static String described(AddFile f) {
        return f.path() + " with " + f.deletionVector();
    }

    /**
     * One path looked up alone goes through its latest lifetime, not all of them: across many
     * removes and re-adds of the same path, it is found exactly at the versions it was active, a
     * remove of it when inactive is refused with nothing written, and a re-add lands.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void onePathRemovedAndAddedAgainIsFoundAtTheVersionsItWasActive(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.table("t"));
                catalog.commit(CommitRequest.builder("t", 0)
                        .add(add("a.parquet"))
                        .add(add("b.parquet"))
                        .build());
                for (long v = 1; v < 7; v++) { // v2, v4, v6 remove a; v3, v5, v7 add it again
                    catalog.commit(CommitRequest.builder("t", v)
                            .add(v % 2 == 1 ? remove("a.parquet") : add("a.parquet"))
                            .readPredicate(ReadPredicate.ALL)
                            .build());
                }
                catalog.commit(CommitRequest.builder("t", 7)
                        .add(remove("a.parquet"))
                        .readPredicate(ReadPredicate.ALL)
                        .build());
            }
            try (DeltaCatalog catalog = db.open()) {
                for (long v = 0; v <= 8; v++) {
                    Snapshot at = catalog.snapshotAt("t", v);
                    boolean active = v % 2 == 1;
                    assertThat(paths(at, Set.of("a.parquet")))
                            .as("a.parquet alone at version %d", v)
                            .isEqualTo(active ? List.of("a.parquet") : List.of());
                    assertThat(paths(at, Set.of("b.parquet")))
                            .as("then b.parquet alone at version %d", v)
                            .isEqualTo(v == 0 ? List.of() : List.of("b.parquet"));
                    assertThat(paths(at, Set.of("a.parquet", "b.parquet")))
                            .as("both at version %d", v)
                            .hasSize((active ? 1 : 0) + (v == 0 ? 0 : 1));
                }
                Snapshot head = catalog.snapshot("t");
                assertThat(head.version()).isEqualTo(8);
                assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 8)
                                .add(remove("a.parquet"))
                                .readPredicate(ReadPredicate.ALL)
                                .build()))
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("a.parquet")
                        .hasMessageContaining("not an active file");
                assertThat(catalog.snapshot("t").version()).isEqualTo(8);
                catalog.commit(CommitRequest.builder("t", 8)
                        .add(add("a.parquet"))
                        .readPredicate(ReadPredicate.ALL)
                        .build());
                assertThat(paths(catalog.snapshot("t"), Set.of("a.parquet"))).containsExactly("a.parquet");
                assertThat(catalog.snapshot("t").files())
                        .extracting(AddFile::path)
                        .containsExactlyInAnyOrder("a.parquet", "b.parquet");
            }
        }
    }
}
