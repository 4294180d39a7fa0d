package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 8 threads × 200 commits through separate pool connections. Afterwards: versions are contiguous,
 * every acknowledged commit is present exactly once at the version it was told, every failed one
 * is absent, and the final snapshot equals a replay of the acknowledged commits.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int COMMITS_PER_THREAD = 200;

    /** What a writer was told: its commit id, the actions it sent, and the version (or -1 when it failed). */
    record Outcome(String commitId, String table, List<Action> actions, long version) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void singleTableCommitsFromManyThreads(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open(b -> b.poolSize(THREADS + 2))) {
            catalog.createTable(Fixtures.table("t"));
            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    Random random = new Random(writer);
                    for (int i = 0; i < COMMITS_PER_THREAD; i++) {
                        Snapshot s = catalog.snapshot("t");
                        CommitRequest.Builder b = CommitRequest.builder("t", s.version());
                        List<AddFile> active = s.files();
                        if (!active.isEmpty() && random.nextInt(10) < 3) {
                            AddFile victim = active.get(random.nextInt(active.size()));
                            b.add(remove(victim.path())).readFiles(List.of(FileKey.of(victim)));
                        } else {
                            b.add(add("w" + writer + "-" + i + ".parquet"));
                        }
                        CommitRequest r = b.build();
                        try {
                            outcomes.add(new Outcome(
                                    r.commitId(),
                                    "t",
                                    r.actions(),
                                    catalog.commit(r).version()));
                        } catch (CommitConflictException e) {
                            outcomes.add(new Outcome(r.commitId(), "t", r.actions(), -1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            verify(catalog, List.of("t"), outcomes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void multiTableTransactionsOverOverlappingTables(CatalogTarget target) throws Exception {
        List<String> tables = List.of("a", "b", "c", "d");
        try (var db = target.create();
                DeltaCatalog catalog = db.open(b -> b.poolSize(THREADS + 2))) {
            for (String t : tables) {
                catalog.createTable(Fixtures.table(t));
            }
            ConcurrentLinkedQueue<List<Outcome>> transactions = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    Random random = new Random(100 + writer);
                    for (int i = 0; i < COMMITS_PER_THREAD / 2; i++) {
                        List<String> chosen = new ArrayList<>(tables);
                        Collections.shuffle(chosen, random);
                        chosen = chosen.subList(0, 2 + random.nextInt(2));
                        MultiTableTransaction tx = catalog.beginTransaction();
                        List<CommitRequest> staged = new ArrayList<>();
                        for (String t : chosen) {
                            Snapshot s = catalog.snapshot(t);
                            CommitRequest.Builder b = CommitRequest.builder(t, s.version());
                            List<AddFile> active = s.files();
                            if (!active.isEmpty() && random.nextInt(10) < 3) {
                                AddFile victim = active.get(random.nextInt(active.size()));
                                b.add(remove(victim.path())).readFiles(List.of(FileKey.of(victim)));
                            } else {
                                b.add(add(t + "-w" + writer + "-" + i + ".parquet"));
                            }
                            CommitRequest r = b.build();
                            staged.add(r);
                            tx.stage(r);
                        }
                        List<Outcome> outcome = new ArrayList<>();
                        try {
                            Map<String, CommitResult> results = tx.commit();
                            for (CommitRequest r : staged) {
                                outcome.add(new Outcome(
                                        r.commitId(),
                                        r.table(),
                                        r.actions(),
                                        results.get(r.table()).version()));
                            }
                        } catch (CommitConflictException e) {
                            for (CommitRequest r : staged) {
                                outcome.add(new Outcome(r.commitId(), r.table(), r.actions(), -1));
                            }
                        }
                        transactions.add(outcome);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            List<Outcome> all = transactions.stream().flatMap(List::stream).toList();
            verify(catalog, tables, all);
            // All or nothing per transaction.
            for (List<Outcome> tx : transactions) {
                Set<Boolean> landed = tx.stream()
                        .map(o -> catalog.findCommit(o.commitId()).isPresent())
                        .collect(Collectors.toSet());
                assertThat(landed).hasSize(1);
            }
        }
    }

    private static void verify(DeltaCatalog catalog, List<String> tables, Iterable<Outcome> outcomes) {
        for (String table : tables) {
            TreeMap<Long, Outcome> byVersion = new TreeMap<>();
            for (Outcome o : outcomes) {
                if (!o.table().equals(table)) {
                    continue;
                }
                if (o.version() < 0) {
                    assertThat(catalog.findCommit(o.commitId()))
                            .as("failed commit %s is absent", o.commitId())
                            .isEmpty();
                    continue;
                }
                assertThat(byVersion.put(o.version(), o))
                        .as("version %d acknowledged twice", o.version())
                        .isNull();
                assertThat(catalog.findCommit(o.commitId()).map(CommitResult::version))
                        .contains(o.version());
            }
            List<Long> versions = catalog.history(table).stream()
                    .map(HistoryEntry::version)
                    .sorted()
                    .toList();
            List<Long> expected = new ArrayList<>();
            for (long v = 0; v <= byVersion.size(); v++) {
                expected.add(v);
            }
            assertThat(versions)
                    .as("versions of %s are contiguous and each is an acknowledged commit", table)
                    .isEqualTo(expected);
            assertThat(byVersion.keySet()).containsExactlyElementsOf(expected.subList(1, expected.size()));

            // Replaying the acknowledged commits in version order gives the catalog's snapshot.
            Set<String> replay = new HashSet<>();
            for (Outcome o : byVersion.values()) {
                for (var a : o.actions()) {
                    if (a instanceof AddFile add) {
                        replay.add(add.path());
                    } else if (a instanceof RemoveFile r) {
                        assertThat(replay.remove(r.path()))
                                .as("v%d removes an active file", o.version())
                                .isTrue();
                    }
                }
            }
            Set<String> actual =
                    catalog.snapshot(table).files().stream().map(AddFile::path).collect(Collectors.toSet());
            assertThat(actual).isEqualTo(replay);
            assertThat(catalog.snapshot(table).numFiles()).isEqualTo(replay.size());
        }
    }
}
