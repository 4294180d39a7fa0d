package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A list big enough to be loaded in parallel key ranges is the same list, file for file, as one
 * loaded by a single query (a pool of one connection cannot lend a second), at the head and at an
 * older version.
 */
class ParallelFileLoadTest {
    private static final int FILES = 24_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void parallelAndSingleQueryLoadsAgree(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            try (DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.partitioned("big"));
                CommitRequest.Builder bulk = CommitRequest.builder("big", 0);
                for (int i = 0; i < FILES; i++) {
                    bulk.add(add("r" + (i % 7) + "/f" + i + ".parquet", "r" + (i % 7)));
                }
                catalog.commit(bulk.build());
                catalog.commit(CommitRequest.builder("big", 1)
                        .add(remove("r0/f0.parquet"))
                        .add(remove("r3/f10.parquet"))
                        .add(add("r1/new.parquet", "r1"))
                        .readPredicate(ReadPredicate.ALL)
                        .build());
            }
            for (long version : new long[] {1, 2}) {
                List<AddFile> parallel;
                List<AddFile> single;
                try (DeltaCatalog catalog = db.open()) {
                    catalog.listTables(); // the pool has its idle connections to lend
                    parallel = catalog.snapshotAt("big", version).files();
                }
                try (DeltaCatalog catalog = DeltaCatalog.open(
                        CatalogConfig.builder(db.jdbcUrl()).poolSize(1).build())) {
                    single = catalog.snapshotAt("big", version).files();
                }
                assertThat(parallel).hasSize(version == 1 ? FILES : FILES - 1);
                assertThat(new HashSet<>(parallel)).hasSize(parallel.size()).isEqualTo(Set.copyOf(single));
            }
        }
    }
}
