package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.SetTransaction;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A multi-table commit writes the rows of all its tables with one statement or batch per kind of
 * row (head locks, lifetime lookup, actions, files, commits, heads): every table still gets
 * exactly its own rows, is checked on its own, and a failure in any one leaves nothing behind.
 */
class BatchedMultiTableCommitTest {
    private static final int TABLES = 6;

    private static Set<String> paths(Snapshot s) {
        return s.files().stream().map(AddFile::path).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void everyTableGetsItsOwnRows(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            for (int t = 0; t < TABLES; t++) {
                catalog.createTable(Fixtures.table("t" + t));
                catalog.commit(CommitRequest.builder("t" + t, 0)
                        .add(add("keep.parquet"))
                        .add(add("old.parquet"))
                        .add(add("same.parquet"))
                        .build());
            }
            catalog.commit(
                    CommitRequest.builder("t2", 1).add(add("extra.parquet")).build());

            MultiTableTransaction tx = catalog.beginTransaction();
            for (int t = TABLES - 1; t >= 0; t--) { // staged out of name order
                long read = catalog.snapshot("t" + t).version();
                tx.stage(CommitRequest.builder("t" + t, read)
                        .add(remove("old.parquet"))
                        .add(new AddFile(
                                "same.parquet", Map.of(), 999, 1_700_000_000_001L, false, "{\"numRecords\":9}"))
                        .add(add("new-" + t + ".parquet"))
                        .add(new SetTransaction("app-" + t, t + 1, 1L))
                        .add(new DomainMetadata("dom" + t, "{\"t\":" + t + "}", false, Map.of()))
                        .operation("MERGE")
                        .build());
            }
            tx.create(Fixtures.table("created"), List.of(add("c.parquet")));
            Map<String, CommitResult> results = tx.commit();

            assertThat(results.get("created").version()).isZero();
            for (int t = 0; t < TABLES; t++) {
                String name = "t" + t;
                long expected = t == 2 ? 3 : 2;
                assertThat(results.get(name).version()).isEqualTo(expected);
                Snapshot s = catalog.snapshot(name);
                assertThat(s.version()).isEqualTo(expected);
                Set<String> files = new TreeSet<>(Set.of("keep.parquet", "same.parquet", "new-" + t + ".parquet"));
                if (t == 2) {
                    files.add("extra.parquet");
                }
                assertThat(paths(s)).isEqualTo(files);
                assertThat(s.numFiles()).isEqualTo(files.size());
                assertThat(s.sizeBytes())
                        .isEqualTo(s.files().stream().mapToLong(AddFile::size).sum());
                assertThat(s.files())
                        .filteredOn(f -> f.path().equals("same.parquet"))
                        .singleElement()
                        .satisfies(f -> assertThat(f.size()).isEqualTo(999));
                assertThat(s.appTransactions()).isEqualTo(Map.of("app-" + t, (long) t + 1));
                assertThat(s.domainMetadata()).containsOnlyKeys("dom" + t);
                assertThat(catalog.history(name).get(0).operation()).isEqualTo("MERGE");
                assertThat(catalog.actions(name, expected))
                        .extracting(a -> a.kind())
                        .containsExactly("commitInfo", "remove", "add", "add", "txn", "domainMetadata");
                // A catalog that never saw the commit reads the same from the rows alone.
                try (DeltaCatalog fresh = db.open()) {
                    Snapshot r = fresh.snapshot(name);
                    assertThat(paths(r)).isEqualTo(files);
                    assertThat(r.numFiles()).isEqualTo(s.numFiles());
                    assertThat(r.sizeBytes()).isEqualTo(s.sizeBytes());
                    assertThat(r.timestamp()).isEqualTo(s.timestamp());
                }
            }
            assertThat(paths(catalog.snapshot("created"))).containsExactly("c.parquet");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void anyOneTableFailingLeavesCatalogAndLogsUnchanged(CatalogTarget target, @TempDir Path dir) throws IOException {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            for (int t = 0; t < TABLES; t++) {
                catalog.createTable(
                        new CreateTableRequest("t" + t, dir.resolve("t" + t).toString(), Fixtures.SCHEMA));
                catalog.commit(
                        CommitRequest.builder("t" + t, 0).add(add("a.parquet")).build());
            }
            catalog.commit(
                    CommitRequest.builder("t4", 1).add(remove("a.parquet")).build()); // t4's a.parquet is gone at v2
            catalog.blockCommits("t5", "an outside writer (test)");
            String before = CatalogDump.of(db.jdbcUrl());
            List<String> logs = logFiles(dir);

            // The last table in name order conflicts: a concurrent remove of a file it removes.
            assertThatThrownBy(() -> commitAll(catalog, List.of(0, 1, 2, 3, 4), 1, "a.parquet"))
                    .isInstanceOfSatisfying(
                            CommitConflictException.class,
                            e -> assertThat(e.getMessage()).contains("'t4'"));
            // One table removes a file it never had.
            assertThatThrownBy(() -> commitAll(catalog, List.of(0, 1, 2), 1, "zzz.parquet"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("zzz.parquet");
            // One table does not exist.
            MultiTableTransaction missing = catalog.beginTransaction();
            missing.stage(CommitRequest.builder("t0", 1).add(add("b.parquet")).build());
            missing.stage(CommitRequest.builder("nope", 0).add(add("b.parquet")).build());
            assertThatThrownBy(missing::commit).isInstanceOf(TableNotFoundException.class);
            // One table is blocked.
            MultiTableTransaction blocked = catalog.beginTransaction();
            blocked.stage(CommitRequest.builder("t0", 1).add(add("b.parquet")).build());
            blocked.stage(CommitRequest.builder("t5", 1).add(add("b.parquet")).build());
            assertThatThrownBy(blocked::commit)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'t5'");
            // One table's read version is ahead of its head.
            MultiTableTransaction ahead = catalog.beginTransaction();
            ahead.stage(CommitRequest.builder("t0", 1).add(add("b.parquet")).build());
            ahead.stage(CommitRequest.builder("t1", 7).add(add("b.parquet")).build());
            assertThatThrownBy(ahead::commit).isInstanceOf(VersionNotFoundException.class);

            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(logFiles(dir)).isEqualTo(logs);
            for (int t = 0; t < 4; t++) {
                assertThat(catalog.snapshot("t" + t).version()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void overlappingTransactionsFromManyThreadsAllLand(CatalogTarget target) throws Exception {
        int threads = 4;
        int rounds = 15;
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            for (int t = 0; t < TABLES; t++) {
                catalog.createTable(Fixtures.table("t" + t));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < threads; w++) {
                    int writer = w;
                    futures.add(pool.submit(() -> {
                        for (int r = 0; r < rounds; r++) {
                            // Each writer stages its own overlapping subset, in its own order; blind appends never
                            // conflict.
                            MultiTableTransaction tx = catalog.beginTransaction();
                            List<Integer> tables =
                                    new ArrayList<>(Stream.iterate((writer + r) % TABLES, i -> (i + 1) % TABLES)
                                            .limit(4)
                                            .toList());
                            if (writer % 2 == 1) {
                                Collections.reverse(tables);
                            }
                            for (int t : tables) {
                                tx.stage(CommitRequest.builder(
                                                "t" + t,
                                                catalog.snapshot("t" + t).version())
                                        .add(add("w" + writer + "-r" + r + ".parquet"))
                                        .build());
                            }
                            tx.commit();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            long files = 0;
            for (int t = 0; t < TABLES; t++) {
                Snapshot s = catalog.snapshot("t" + t);
                assertThat(s.numFiles()).isEqualTo(s.version());
                assertThat(catalog.history("t" + t)).hasSize((int) s.version() + 1);
                files += s.numFiles();
            }
            assertThat(files).isEqualTo((long) threads * rounds * 4);
        }
    }

    /** One transaction over tables {@code t<i>}, each read at {@code read} and removing {@code path}. */
    private static void commitAll(DeltaCatalog catalog, List<Integer> tables, long read, String path) {
        MultiTableTransaction tx = catalog.beginTransaction();
        for (int t : tables) {
            tx.stage(CommitRequest.builder("t" + t, read)
                    .add(remove(path))
                    .add(add("n" + t + ".parquet"))
                    .build());
        }
        tx.commit();
    }

    private static List<String> logFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p) + ":" + size(p))
                    .sorted()
                    .toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
