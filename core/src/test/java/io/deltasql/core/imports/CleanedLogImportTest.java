package io.deltasql.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.VersionNotFoundException;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A log whose first commits were removed by log retention imports from the oldest version a Delta
 * reader can reconstruct: the oldest readable checkpoint that every later commit follows (issue 17,
 * finding 2). Every version from there on matches Delta Kernel's snapshot.
 */
class CleanedLogImportTest {
    @TempDir
    Path dir;

    /** A table of versions 0..12 written by deltasql, with checkpoints at 5 and 10 in its _delta_log. */
    private Path writeTable(String name) {
        Path table = dir.resolve(name);
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest(
                    name, table.toString(), Fixtures.SCHEMA, List.of(), Map.of("delta.checkpointInterval", "5")));
            for (long v = 1; v <= 12; v++) {
                CommitRequest.Builder b = CommitRequest.builder(name, v - 1);
                if (v % 4 == 0) {
                    b.add(new RemoveFile("f" + (v - 1) + ".parquet", v, true));
                } else {
                    b.add(new AddFile("f" + v + ".parquet", Map.of(), 100 + v, v, true, null));
                }
                catalog.commit(b.build());
            }
            mirror.awaitIdle(); // checkpoints are written in the background
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(checkpoint(table, 5)).exists();
        assertThat(checkpoint(table, 10)).exists();
        return table;
    }

    private static Path checkpoint(Path table, long version) {
        return table.resolve(String.format("_delta_log/%020d.checkpoint.parquet", version));
    }

    private static void deleteCommits(Path table, long... versions) throws IOException {
        for (long v : versions) {
            Files.delete(table.resolve(String.format("_delta_log/%020d.json", v)));
        }
    }

    private static List<Long> historyVersions(DeltaCatalog catalog, String table) {
        return catalog.history(table).stream()
                .map(HistoryEntry::version)
                .sorted()
                .toList();
    }

    private static void assertMatchesKernelAtEveryVersion(DeltaCatalog catalog, String table, long first, long head) {
        VerifyReport report = new TableVerifier(catalog).verify(table, true);
        assertThat(report.differences()).as(report.render()).isEmpty();
        assertThat(historyVersions(catalog, table))
                .isEqualTo(LongStream.rangeClosed(first, head).boxed().toList());
        for (long v = first; v <= head; v++) {
            assertThat(catalog.snapshotAt(table, v).version()).isEqualTo(v);
        }
        assertThatThrownBy(() -> catalog.snapshotAt(table, first - 1))
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("'" + table + "'")
                .hasMessageContaining(String.valueOf(first - 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void importStartsAtTheOldestCheckpointThatTheRemainingCommitsFollow(CatalogTarget target) throws IOException {
        Path table = writeTable("cleaned");
        deleteCommits(table, 0, 1, 2, 3, 4);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, "cleaned", ImportProgress.NONE);
            assertMatchesKernelAtEveryVersion(catalog, "cleaned", 5, 12);
            assertThat(catalog.history("cleaned").get(7).operation()).isEqualTo("CHECKPOINT STATE");
            assertThat(catalog.snapshotAt("cleaned", 5).files())
                    .extracting(AddFile::path)
                    .containsExactlyInAnyOrder("f1.parquet", "f2.parquet", "f5.parquet");
        }
    }

    @Test
    void aCheckpointWithAMissingCommitAfterItIsPassedOver() throws IOException {
        Path table = writeTable("gap");
        deleteCommits(table, 0, 1, 2, 3, 4, 7); // checkpoint 5 does not reach 12: version 7 is gone
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, "gap", ImportProgress.NONE);
            assertMatchesKernelAtEveryVersion(catalog, "gap", 10, 12);
        }
    }

    @Test
    void anUnreadableCheckpointIsPassedOverForTheNextReadableOne() throws IOException {
        Path table = writeTable("broken");
        deleteCommits(table, 0, 1, 2, 3, 4);
        Files.write(checkpoint(table, 5), new byte[] {1, 2, 3}); // corrupt: neither Kernel nor deltasql can read 5..9
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, "broken", ImportProgress.NONE);
            assertMatchesKernelAtEveryVersion(catalog, "broken", 10, 12);
        }
    }

    @Test
    void aLogWithNoReadableStartIsRefusedAndNothingChanges() throws IOException {
        Path table = writeTable("lost");
        deleteCommits(table, 0, 1, 2, 3, 4);
        Files.write(checkpoint(table, 5), new byte[] {1, 2, 3});
        Files.write(checkpoint(table, 10), new byte[] {4, 5, 6});
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            String before = CatalogDump.of(db.jdbcUrl());
            Map<String, Long> logBefore = sizes(table);
            assertThatThrownBy(() -> new DeltaLogImporter(catalog).importTable(table, "lost", ImportProgress.NONE))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining(table.toString())
                    .hasMessageContaining("version 5")
                    .hasMessageContaining("version 10");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(sizes(table)).isEqualTo(logBefore);
        }
    }

    private static Map<String, Long> sizes(Path table) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(table.resolve("_delta_log"))) {
            for (Path p : paths.toList()) {
                files.put(p.getFileName().toString(), Files.size(p));
            }
        }
        return files;
    }
}
