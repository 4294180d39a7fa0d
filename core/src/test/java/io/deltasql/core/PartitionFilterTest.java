package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partition filters give the same files, in the same order, whichever way they are answered: by
 * the catalog's partition index on a cold cache, by pattern match when the filter does not pin
 * every partition column, or from a cached list.
 */
class PartitionFilterTest {
    private static final String[] REGIONS = {"eu", "us", null, "a'b%_!\"c", "ünï", "null", ""};
    private static final String[] DAYS = {"1", "2"};
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"day\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";

    private static AddFile add(String path, String region, String day) {
        Map<String, String> pv = new LinkedHashMap<>();
        pv.put("region", region);
        pv.put("day", day);
        return new AddFile(path, pv, 10, 1_700_000_000_000L, true, "{\"numRecords\":1}");
    }

    /** Table "t": partitioned by region and day; three files per partition, one of them removed again at version 2. */
    private static void fill(DeltaCatalog catalog) {
        catalog.createTable(
                new CreateTableRequest("t", Fixtures.location("pf-t"), SCHEMA, List.of("region", "day"), Map.of()));
        CommitRequest.Builder first = CommitRequest.builder("t", 0);
        int n = 0;
        for (String region : REGIONS) {
            for (String day : DAYS) {
                for (int i = 0; i < 3; i++) {
                    first.add(add("f" + n++ + ".parquet", region, day));
                }
            }
        }
        catalog.commit(first.build());
        catalog.commit(CommitRequest.builder("t", 1)
                .add(remove("f0.parquet"))
                .add(remove("f7.parquet"))
                .readPredicate(ReadPredicate.ALL)
                .build());
    }

    private static List<FileFilter> filters() {
        List<FileFilter> filters = new ArrayList<>();
        for (String region : REGIONS) {
            filters.add(FileFilter.ALL.withPartition("region", nullableSet(region)));
            for (String day : DAYS) {
                filters.add(FileFilter.ALL
                        .withPartition("region", nullableSet(region))
                        .withPartition("day", Set.of(day)));
            }
        }
        filters.add(
                FileFilter.ALL.withPartition("region", nullableSet("eu", null)).withPartition("day", Set.of("1", "2")));
        filters.add(FileFilter.ALL.withPartition("region", Set.of("nowhere")).withPartition("day", Set.of("1")));
        filters.add(FileFilter.ALL.withPartition("day", Set.of("2")));
        filters.add(FileFilter.ALL
                .withPartition("region", Set.of("eu"))
                .withPartition("day", Set.of("1"))
                .withPaths(Set.of("f6.parquet", "f7.parquet", "f1.parquet")));
        filters.add(FileFilter.ALL
                .withPartition("region", Set.of("eu"))
                .withPartition("day", Set.of("1"))
                .withPartition("id", nullableSet((String) null)));
        return filters;
    }

    private static Set<String> nullableSet(String... values) {
        return new HashSet<>(Arrays.asList(values));
    }

    private static List<String> paths(CloseableIterator<AddFile> it) {
        List<String> paths = new ArrayList<>();
        try (it) {
            it.forEachRemaining(f -> paths.add(f.path()));
        }
        return paths;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void coldIndexedAndCachedAnswersAgree(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            try (DeltaCatalog catalog = db.open()) {
                fill(catalog);
            }
            for (FileFilter filter : filters()) {
                List<String> expected = new ArrayList<>();
                List<String> cold;
                List<String> warm;
                List<String> oldVersion;
                try (DeltaCatalog catalog = db.open()) {
                    cold = paths(catalog.snapshot("t").streamFiles(filter));
                    for (AddFile f : catalog.snapshot("t").files()) {
                        if (filter.matches(f)) {
                            expected.add(f.path());
                        }
                    }
                    warm = paths(catalog.snapshot("t").streamFiles(filter));
                    oldVersion = paths(catalog.snapshotAt("t", 1).streamFiles(filter));
                }
                assertThat(warm).as("cached, %s", filter).isEqualTo(expected);
                assertThat(cold).as("cold, %s", filter).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(oldVersion).as("version 1, %s", filter).containsAll(expected);
            }
            try (DeltaCatalog catalog = db.open()) {
                assertThat(paths(catalog.snapshot("t")
                                .streamFiles(FileFilter.ALL
                                        .withPartition("region", Set.of("eu"))
                                        .withPartition("day", Set.of("1")))))
                        .containsExactlyInAnyOrder("f1.parquet", "f2.parquet");
                assertThat(paths(catalog.snapshotAt("t", 1)
                                .streamFiles(FileFilter.ALL
                                        .withPartition("region", Set.of("eu"))
                                        .withPartition("day", Set.of("1")))))
                        .containsExactlyInAnyOrder("f0.parquet", "f1.parquet", "f2.parquet");
                assertThat(paths(catalog.snapshot("t")
                                .streamFiles(FileFilter.ALL
                                        .withPartition("region", nullableSet((String) null))
                                        .withPartition("day", Set.of("2")))))
                        .containsExactlyInAnyOrder("f15.parquet", "f16.parquet", "f17.parquet");
            }
        }
    }
}
