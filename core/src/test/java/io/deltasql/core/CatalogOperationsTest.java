package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.SetTransaction;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public operation of the catalog, on every catalog database. */
class CatalogOperationsTest {

    private static Set<String> paths(Snapshot s) {
        return s.files().stream().map(AddFile::path).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void createListFindAndDropTables(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            assertThat(catalog.listTables()).isEmpty();
            TableInfo t = catalog.createTable(new CreateTableRequest(
                    "sales",
                    Fixtures.location("sales"),
                    Fixtures.SCHEMA,
                    List.of("region"),
                    Map.of("delta.appendOnly", "false", "owner", "data-eng"),
                    "sales facts"));
            catalog.createTable(Fixtures.table("audit"));

            assertThat(t.name()).isEqualTo("sales");
            assertThat(t.headVersion()).isZero();
            assertThat(catalog.listTables()).extracting(TableInfo::name).containsExactly("audit", "sales");
            assertThat(catalog.findTable("sales")).contains(t);
            assertThat(catalog.findTable("nope")).isEmpty();

            Snapshot s = catalog.snapshot("sales");
            assertThat(s.version()).isZero();
            assertThat(s.protocol().minReaderVersion()).isEqualTo(1);
            assertThat(s.protocol().minWriterVersion()).isEqualTo(2);
            Metadata m = s.metadata();
            assertThat(m.schemaString()).isEqualTo(Fixtures.SCHEMA);
            assertThat(m.partitionColumns()).containsExactly("region");
            assertThat(m.configuration()).containsEntry("owner", "data-eng");
            assertThat(m.description()).isEqualTo("sales facts");
            assertThat(m.format().provider()).isEqualTo("parquet");
            assertThat(s.files()).isEmpty();
            List<HistoryEntry> history = catalog.history("sales");
            assertThat(history).hasSize(1);
            assertThat(history.get(0).operation()).isEqualTo("CREATE TABLE");
            assertThat(catalog.actions("sales", 0))
                    .extracting(a -> a.kind())
                    .containsExactly("commitInfo", "protocol", "metaData");

            catalog.dropTable("sales");
            assertThat(catalog.findTable("sales")).isEmpty();
            assertThat(catalog.listTables()).extracting(TableInfo::name).containsExactly("audit");
            // The name is free again, and the new table shares nothing with the dropped one.
            catalog.createTable(Fixtures.table("sales"));
            assertThat(catalog.snapshot("sales").metadata().partitionColumns()).isEmpty();
            assertThat(catalog.history("sales")).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void commitsBuildSnapshotsAtEveryVersion(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.partitioned("events"));
            CommitResult v1 = catalog.commit(CommitRequest.builder("events", 0)
                    .add(add("region=eu/a.parquet", "eu"))
                    .add(add("region=us/b.parquet", "us"))
                    .operation("WRITE")
                    .operationParameter("mode", "Append")
                    .build());
            assertThat(v1.version()).isEqualTo(1);
            CommitResult v2 = catalog.commit(CommitRequest.builder("events", 1)
                    .add(remove("region=eu/a.parquet"))
                    .add(add("region=eu/c.parquet", "eu"))
                    .readPredicate(ReadPredicate.ALL)
                    .operation("DELETE")
                    .build());
            assertThat(v2.version()).isEqualTo(2);
            // A re-add of a removed path starts a new lifetime of that file.
            catalog.commit(CommitRequest.builder("events", 2)
                    .add(add("region=eu/a.parquet", "eu"))
                    .build());

            assertThat(paths(catalog.snapshotAt("events", 0))).isEmpty();
            assertThat(paths(catalog.snapshotAt("events", 1)))
                    .containsExactlyInAnyOrder("region=eu/a.parquet", "region=us/b.parquet");
            assertThat(paths(catalog.snapshotAt("events", 2)))
                    .containsExactlyInAnyOrder("region=us/b.parquet", "region=eu/c.parquet");
            Snapshot latest = catalog.snapshot("events");
            assertThat(latest.version()).isEqualTo(3);
            assertThat(paths(latest))
                    .containsExactlyInAnyOrder("region=us/b.parquet", "region=eu/c.parquet", "region=eu/a.parquet");
            assertThat(latest.numFiles()).isEqualTo(3);
            assertThat(latest.sizeBytes())
                    .isEqualTo(latest.files().stream().mapToLong(AddFile::size).sum());
            AddFile a = latest.files().stream()
                    .filter(f -> f.path().equals("region=eu/a.parquet"))
                    .findFirst()
                    .orElseThrow();
            assertThat(a.partitionValues()).containsEntry("region", "eu");
            assertThat(a.stats()).isEqualTo("{\"numRecords\":1}");

            List<HistoryEntry> history = catalog.history("events");
            assertThat(history).extracting(HistoryEntry::version).containsExactly(3L, 2L, 1L, 0L);
            HistoryEntry h2 = history.get(1);
            assertThat(h2.operation()).isEqualTo("DELETE");
            assertThat(h2.numAddedFiles()).isEqualTo(1);
            assertThat(h2.numRemovedFiles()).isEqualTo(1);
            assertThat(h2.blindAppend()).isFalse();
            CommitInfo ci1 = history.get(2).commitInfo();
            assertThat(ci1.operation()).isEqualTo("WRITE");
            assertThat(ci1.operationParameters().get("mode").asText()).isEqualTo("Append");
            assertThat(ci1.engineInfo()).startsWith("deltasql/");
            assertThat(ci1.isBlindAppend()).isTrue();
            assertThat(ci1.timestamp()).isEqualTo(v1.timestamp());
            assertThat(history.get(2).blindAppend()).isTrue();
            assertThat(catalog.history("events", 2)).hasSize(2);
            // Timestamps strictly increase, so "as of" is well defined.
            assertThat(history.get(0).timestamp()).isGreaterThan(history.get(1).timestamp());
            assertThat(catalog.actions("events", 2))
                    .extracting(a2 -> a2.kind())
                    .containsExactly("commitInfo", "remove", "add");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void timeTravelByTimestamp(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            List<CommitResult> commits = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                commits.add(catalog.commit(CommitRequest.builder("t", i)
                        .add(add("f" + i + ".parquet"))
                        .build()));
            }
            for (CommitResult c : commits) {
                Snapshot s = catalog.snapshotAsOf("t", Instant.ofEpochMilli(c.timestamp()));
                assertThat(s.version()).isEqualTo(c.version());
                assertThat(s.timestamp()).isEqualTo(c.timestamp());
            }
            // Between two commits: the earlier one.
            assertThat(catalog.snapshotAsOf(
                                    "t", Instant.ofEpochMilli(commits.get(1).timestamp() + 0))
                            .version())
                    .isEqualTo(2);
            assertThat(catalog.snapshotAsOf(
                                    "t", Instant.ofEpochMilli(commits.get(2).timestamp() - 1))
                            .version())
                    .isLessThan(3)
                    .isGreaterThanOrEqualTo(1);
            assertThat(catalog.snapshotAsOf("t", Instant.now().plusSeconds(3600))
                            .version())
                    .isEqualTo(3);
            long created = catalog.table("t").createdAt();
            assertThatThrownBy(() -> catalog.snapshotAsOf("t", Instant.ofEpochMilli(created - 86_400_000L)))
                    .isInstanceOf(VersionNotFoundException.class)
                    .hasMessageContaining("'t'")
                    .hasMessageContaining("first commit");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void blindAppendsLandAfterConcurrentCommits(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            catalog.commit(CommitRequest.builder("t", 0).add(add("a.parquet")).build());
            catalog.commit(CommitRequest.builder("t", 1)
                    .add(remove("a.parquet"))
                    .readPredicate(ReadPredicate.ALL)
                    .build());
            // Written against version 0 while 1 and 2 landed: a blind append does not care.
            CommitResult r = catalog.commit(
                    CommitRequest.builder("t", 0).add(add("b.parquet")).build());
            assertThat(r.version()).isEqualTo(3);
            assertThat(paths(catalog.snapshot("t"))).containsExactly("b.parquet");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void realConflictsFailAndLeaveNoTrace(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.partitioned("t"));
            catalog.commit(CommitRequest.builder("t", 0)
                    .add(add("eu/a.parquet", "eu"))
                    .add(add("us/b.parquet", "us"))
                    .build());
            // v2 removes a.parquet.
            catalog.commit(CommitRequest.builder("t", 1)
                    .add(remove("eu/a.parquet"))
                    .readPredicate(ReadPredicate.ALL)
                    .build());
            String before = CatalogDump.of(db.jdbcUrl());

            // Removing the same file again from version 1: ConcurrentDeleteDelete.
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(remove("eu/a.parquet"))
                            .build()))
                    .isInstanceOfSatisfying(CommitConflictException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CommitConflictException.Kind.CONCURRENT_DELETE_DELETE);
                        assertThat(e.table()).isEqualTo("t");
                        assertThat(e.readVersion()).isEqualTo(1);
                        assertThat(e.conflictingVersion()).isEqualTo(2);
                        assertThat(e.sqlState()).isEqualTo("40001");
                        assertThat(e.getMessage()).contains("eu/a.parquet");
                    });
            // A DELETE whose predicate (region = 'eu') covered the removed file: ConcurrentDeleteRead.
            ReadPredicate eu = ReadPredicate.partitions("region = 'eu'", pv -> "eu".equals(pv.get("region")));
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 1)
                            .readPredicate(eu)
                            .add(add("eu/rewritten.parquet", "eu"))
                            .build()))
                    .isInstanceOfSatisfying(
                            CommitConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo(CommitConflictException.Kind.CONCURRENT_DELETE_READ));
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);

            // A predicate on another partition does not conflict with that remove.
            ReadPredicate us = ReadPredicate.partitions("region = 'us'", pv -> "us".equals(pv.get("region")));
            CommitResult ok = catalog.commit(CommitRequest.builder("t", 1)
                    .readPredicate(us)
                    .add(remove("us/b.parquet"))
                    .add(add("us/c.parquet", "us"))
                    .build());
            assertThat(ok.version()).isEqualTo(3);

            // v4: a non-blind commit adds an eu file; a txn that read eu at v3 must fail (ConcurrentAppend).
            catalog.commit(CommitRequest.builder("t", 3)
                    .readPredicate(eu)
                    .add(add("eu/d.parquet", "eu"))
                    .build());
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 3)
                            .readPredicate(eu)
                            .add(add("eu/e.parquet", "eu"))
                            .build()))
                    .isInstanceOfSatisfying(
                            CommitConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo(CommitConflictException.Kind.CONCURRENT_APPEND));
            // ...but a blind append of an eu file does not make an eu reader conflict (WriteSerializable).
            catalog.commit(CommitRequest.builder("t", 4)
                    .add(add("eu/blind.parquet", "eu"))
                    .build());
            assertThat(catalog.commit(CommitRequest.builder("t", 4)
                                    .readPredicate(eu)
                                    .add(add("eu/f.parquet", "eu"))
                                    .build())
                            .version())
                    .isEqualTo(6);

            // Metadata changed concurrently: any commit read before it conflicts.
            Snapshot s = catalog.snapshot("t");
            Metadata m = s.metadata();
            Metadata changed = new Metadata(
                    m.id(),
                    m.name(),
                    "new description",
                    m.format(),
                    m.schemaString(),
                    m.partitionColumns(),
                    Map.of("k", "v"),
                    m.createdTime(),
                    Map.of());
            catalog.commit(CommitRequest.builder("t", s.version())
                    .add(changed)
                    .operation("SET TBLPROPERTIES")
                    .build());
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", s.version())
                            .readPredicate(us)
                            .add(add("us/g.parquet", "us"))
                            .build()))
                    .isInstanceOfSatisfying(
                            CommitConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo(CommitConflictException.Kind.METADATA_CHANGED));
            assertThat(catalog.snapshot("t").metadata().configuration()).containsEntry("k", "v");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void multiTableTransactionsAreAllOrNothing(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("orders"));
            catalog.createTable(Fixtures.table("payments"));
            catalog.commit(
                    CommitRequest.builder("payments", 0).add(add("p0.parquet")).build());

            MultiTableTransaction tx = catalog.beginTransaction();
            tx.stage(CommitRequest.builder("orders", 0).add(add("o1.parquet")).build());
            tx.stage(CommitRequest.builder("payments", 1).add(add("p1.parquet")).build());
            tx.stage(CommitRequest.builder("orders", 0).add(add("o2.parquet")).build());
            Map<String, CommitResult> results = tx.commit();
            assertThat(results.get("orders").version()).isEqualTo(1);
            assertThat(results.get("payments").version()).isEqualTo(2);
            assertThat(paths(catalog.snapshot("orders"))).containsExactlyInAnyOrder("o1.parquet", "o2.parquet");
            assertThatThrownBy(tx::commit).isInstanceOf(InvalidRequestException.class);

            // One table conflicts: nothing of the transaction lands on either table.
            catalog.commit(CommitRequest.builder("payments", 2)
                    .add(remove("p0.parquet"))
                    .build());
            String before = CatalogDump.of(db.jdbcUrl());
            MultiTableTransaction failing = catalog.beginTransaction();
            failing.stage(
                    CommitRequest.builder("orders", 1).add(add("o3.parquet")).build());
            failing.stage(CommitRequest.builder("payments", 2)
                    .add(remove("p0.parquet"))
                    .build());
            assertThatThrownBy(failing::commit)
                    .isInstanceOf(CommitConflictException.class)
                    .hasMessageContaining("payments");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);

            // Rollback discards everything staged.
            MultiTableTransaction rolledBack = catalog.beginTransaction();
            rolledBack.stage(
                    CommitRequest.builder("orders", 1).add(add("o4.parquet")).build());
            rolledBack.rollback();
            assertThat(rolledBack.staged()).isEmpty();
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void idempotentWritersAreNotCommittedTwice(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            catalog.commit(CommitRequest.builder("t", 0)
                    .add(new SetTransaction("stream-1", 5, 1L))
                    .add(add("a.parquet"))
                    .build());
            assertThat(catalog.snapshot("t").appTransactions()).containsEntry("stream-1", 5L);
            String before = CatalogDump.of(db.jdbcUrl());
            for (long replay : new long[] {5, 4}) {
                assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 1)
                                .add(new SetTransaction("stream-1", replay, 2L))
                                .add(add("dup" + replay + ".parquet"))
                                .build()))
                        .isInstanceOfSatisfying(TransactionAlreadyAppliedException.class, e -> {
                            assertThat(e.appId()).isEqualTo("stream-1");
                            assertThat(e.recordedVersion()).isEqualTo(5);
                            assertThat(e.getMessage()).contains("'t'");
                        });
            }
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            catalog.commit(CommitRequest.builder("t", 1)
                    .add(new SetTransaction("stream-1", 6, 3L))
                    .add(add("b.parquet"))
                    .build());
            catalog.commit(CommitRequest.builder("t", 2)
                    .add(new SetTransaction("stream-2", 1, 3L))
                    .build());
            assertThat(catalog.snapshot("t").appTransactions()).isEqualTo(Map.of("stream-1", 6L, "stream-2", 1L));
            assertThat(catalog.snapshotAt("t", 1).appTransactions()).isEqualTo(Map.of("stream-1", 5L));
            // Two writers that both read version 2 and both carry stream-2's next version: only one lands.
            catalog.commit(CommitRequest.builder("t", 3)
                    .add(new SetTransaction("stream-2", 2, 4L))
                    .add(add("c.parquet"))
                    .build());
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 3)
                            .add(new SetTransaction("stream-2", 2, 4L))
                            .add(add("c2.parquet"))
                            .build()))
                    .isInstanceOf(TransactionAlreadyAppliedException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void domainMetadataFollowsVersions(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            catalog.commit(CommitRequest.builder("t", 0)
                    .add(new DomainMetadata("delta.clustering", "{\"c\":[\"id\"]}", false, Map.of()))
                    .build());
            catalog.commit(CommitRequest.builder("t", 1)
                    .add(new DomainMetadata("app.x", "{}", false, Map.of()))
                    .build());
            catalog.commit(CommitRequest.builder("t", 2)
                    .add(new DomainMetadata("delta.clustering", "{\"c\":[\"id\"]}", true, Map.of()))
                    .build());
            assertThat(catalog.snapshotAt("t", 1).domainMetadata()).containsOnlyKeys("delta.clustering");
            assertThat(catalog.snapshotAt("t", 1)
                            .domainMetadata()
                            .get("delta.clustering")
                            .configuration())
                    .isEqualTo("{\"c\":[\"id\"]}");
            assertThat(catalog.snapshotAt("t", 2).domainMetadata()).containsOnlyKeys("delta.clustering", "app.x");
            assertThat(catalog.snapshot("t").domainMetadata()).containsOnlyKeys("app.x");
            // A concurrent write to the same domain conflicts.
            catalog.commit(CommitRequest.builder("t", 3)
                    .add(new DomainMetadata("app.x", "{\"v\":2}", false, Map.of()))
                    .build());
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 3)
                            .add(new DomainMetadata("app.x", "{\"v\":3}", false, Map.of()))
                            .build()))
                    .isInstanceOfSatisfying(
                            CommitConflictException.class,
                            e -> assertThat(e.kind())
                                    .isEqualTo(CommitConflictException.Kind.CONCURRENT_DOMAIN_METADATA));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void cacheServesLatestAndAdvancesIncrementally(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            catalog.commit(CommitRequest.builder("t", 0).add(add("a.parquet")).build());
            catalog.snapshot("t").files();
            CatalogStats s1 = catalog.stats();
            catalog.snapshot("t").files();
            CatalogStats s2 = catalog.stats();
            assertThat(s2.snapshotHeaders().hits())
                    .isGreaterThan(s1.snapshotHeaders().hits());
            assertThat(s2.fileLists().hits()).isGreaterThan(s1.fileLists().hits());
            assertThat(s2.snapshotHeaders().misses())
                    .isEqualTo(s1.snapshotHeaders().misses());

            // The commit's own header is cached; the file list advances from version 1 without a full reload.
            catalog.commit(CommitRequest.builder("t", 1)
                    .add(add("b.parquet"))
                    .add(remove("a.parquet"))
                    .build());
            Snapshot v2 = catalog.snapshot("t");
            assertThat(paths(v2)).containsExactly("b.parquet");
            assertThat(catalog.stats().fileLists().size()).isEqualTo(2);

            // Preload: a second catalog on the same database warms latest and recent versions.
            try (DeltaCatalog other = db.open()) {
                other.preload(List.of("t"), 1);
                CatalogStats warm = other.stats();
                assertThat(warm.fileLists().size()).isEqualTo(2);
                assertThat(warm.snapshotHeaders().size()).isEqualTo(2);
                other.snapshot("t").files();
                assertThat(other.stats().fileLists().hits())
                        .isGreaterThan(warm.fileLists().hits());
                PoolStats pool = other.stats().pool();
                assertThat(pool.maximum()).isEqualTo(8);
                assertThat(pool.active()).isZero();
                assertThat(pool.waiting()).isZero();
                assertThat(pool.total()).isGreaterThanOrEqualTo(pool.idle());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void asyncCallsCompleteAndTimeOut(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open(b -> b.asyncThreads(2).asyncQueueSize(64))) {
            for (int i = 0; i < 5; i++) {
                catalog.createTable(Fixtures.table("t" + i));
            }
            List<CompletableFuture<CommitResult>> commits = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                commits.add(catalog.async()
                        .commit(
                                CommitRequest.builder("t" + i, 0)
                                        .add(add("x.parquet"))
                                        .build(),
                                Duration.ofSeconds(30)));
            }
            for (var f : commits) {
                assertThat(f.get().version()).isEqualTo(1);
            }
            List<Snapshot> snaps = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                snaps.add(catalog.async()
                        .snapshot("t" + i, Duration.ofSeconds(30))
                        .get());
            }
            assertThat(snaps).allSatisfy(s -> assertThat(s.numFiles()).isEqualTo(1));
            var missing = catalog.async().snapshot("missing", Duration.ofSeconds(30));
            assertThatThrownBy(missing::get).hasCauseInstanceOf(TableNotFoundException.class);
            // Another session holds t0's head row: the commit waits, its future times out, and the commit
            // lands once the lock is released — which is why a timed-out caller looks its commit id up.
            try (Connection blocker = DriverManager.getConnection(db.jdbcUrl())) {
                blocker.setAutoCommit(false);
                try (var st = blocker.createStatement()) {
                    st.executeUpdate("UPDATE ds_tables SET head_version = head_version WHERE name = 't0'");
                }
                CommitRequest slow =
                        CommitRequest.builder("t0", 1).add(add("slow.parquet")).build();
                var late = catalog.async().commit(slow, Duration.ofMillis(200));
                assertThatThrownBy(late::get).hasCauseInstanceOf(TimeoutException.class);
                blocker.rollback();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (catalog.findCommit(slow.commitId()).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(catalog.findCommit(slow.commitId()))
                        .map(CommitResult::version)
                        .contains(2L);
            }
            assertThat(catalog.async()
                            .commitAll(
                                    List.of(
                                            CommitRequest.builder("t1", 1)
                                                    .add(add("y.parquet"))
                                                    .build(),
                                            CommitRequest.builder("t2", 1)
                                                    .add(add("y.parquet"))
                                                    .build()),
                                    Duration.ofSeconds(30))
                            .get())
                    .hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aFullAsyncQueueFailsNewCallsAtOnce(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open(b -> b.asyncThreads(1).asyncQueueSize(1))) {
            catalog.createTable(Fixtures.table("t"));
            try (Connection blocker = DriverManager.getConnection(db.jdbcUrl())) {
                blocker.setAutoCommit(false);
                try (var st = blocker.createStatement()) {
                    st.executeUpdate("UPDATE ds_tables SET head_version = head_version WHERE name = 't'");
                }
                // One call runs (blocked on the lock), one waits in the queue, the third is refused.
                var running = catalog.async()
                        .commit(
                                CommitRequest.builder("t", 0)
                                        .add(add("a.parquet"))
                                        .build(),
                                Duration.ofSeconds(60));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (catalog.stats().pool().active() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                var queued = catalog.async()
                        .commit(
                                CommitRequest.builder("t", 0)
                                        .add(add("b.parquet"))
                                        .build(),
                                Duration.ofSeconds(60));
                var refused = catalog.async().snapshot("t", Duration.ofSeconds(60));
                assertThatThrownBy(refused::get).cause().isInstanceOfSatisfying(CatalogException.class, e -> {
                    assertThat(e.getMessage()).contains("queue is full");
                    assertThat(e.retryable()).isTrue();
                });
                blocker.rollback();
                assertThat(running.get().version()).isEqualTo(1);
                assertThat(queued.get().version()).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void commitIdsFindLandedCommits(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            CommitResult r = catalog.commit(CommitRequest.builder("t", 0)
                    .add(add("a.parquet"))
                    .commitId("writer-7-batch-42")
                    .build());
            assertThat(catalog.findCommit("writer-7-batch-42")).contains(r);
            assertThat(catalog.history("t").get(0).commitInfo().txnId()).isEqualTo("writer-7-batch-42");
            assertThat(catalog.findCommit("never")).isEmpty();
            // Re-sending a commit with the same id cannot land twice.
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add("b.parquet"))
                            .commitId("writer-7-batch-42")
                            .build()))
                    .isInstanceOf(DeltaSqlException.class);
            assertThat(catalog.snapshot("t").version()).isEqualTo(1);
        }
    }
}
