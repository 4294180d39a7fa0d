package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files named by path, read cold from the catalog: a table without deletion vectors finds them
 * by file key, a table with them by path; both give exactly the files active at each version,
 * across a remove and a re-add of the same path.
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
            DeletionVectorDescriptor dv =
                    new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 1, 36, 2, null, Map.of());
            try (DeltaCatalog catalog = db.open()) {
                CreateTableRequest plain = Fixtures.table("dv");
                catalog.createTable(new CreateTableRequest(
                        plain.name(),
                        plain.location(),
                        plain.schemaString(),
                        plain.partitionColumns(),
                        Map.of("delta.enableDeletionVectors", "true")));
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
}
