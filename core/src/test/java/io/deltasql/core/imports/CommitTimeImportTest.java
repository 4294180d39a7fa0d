package io.deltasql.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.internal.mirror.KernelEngines;
import io.deltasql.core.mirror.Checkpointer;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.GoldenTables;
import io.deltasql.core.testing.TimeTravelOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Imported versions get the times Delta readers give them: time travel by timestamp on the catalog
 * answers as Delta Kernel does on the same log, at, 1 ms before and 1 ms after every commit's time,
 * before the first commit (both refuse) and after the last. Golden tables are copied and their
 * commit files given chosen modification times (all equal, decreasing, with gaps and repeats);
 * tables with in-commit timestamps are written here, since no golden table has them.
 */
class CommitTimeImportTest {
    private static final long BASE = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** Modification time of commit {@code v} of a log with {@code n} commits. */
    enum Pattern {
        EQUAL,
        DECREASING,
        GAPS;

        long time(long v, long n) {
            return switch (this) {
                case EQUAL -> BASE;
                case DECREASING -> BASE + (n - v) * 1_000;
                // Minutes apart, every fourth one equal to the one before, every fifth 5 s before it.
                case GAPS -> BASE + 60_000 * v - (v % 4 == 2 ? 60_000 : 0) - (v % 5 == 3 ? 65_000 : 0);
            };
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "snapshot-data3, EQUAL",
        "snapshot-data3, DECREASING",
        "snapshot-data3, GAPS",
        "snapshot-repartitioned, GAPS",
        "time-travel-start-start20-start40, DECREASING",
        "data-skipping-change-stats-collected-across-versions, EQUAL",
        "basic-with-inserts-deletes-checkpoint, EQUAL",
        "basic-with-inserts-deletes-checkpoint, DECREASING",
        "basic-with-inserts-deletes-checkpoint, GAPS",
        "dv-partitioned-with-checkpoint, GAPS"
    })
    void goldenTablesWithChosenFileTimes(String golden, Pattern pattern) throws Exception {
        Path table = copyLog(golden);
        long n = commitCount(table);
        setFileTimes(table, v -> pattern.time(v, n));
        assertImportAgrees(table, "t");
    }

    /**
     * A log cleaned up before its checkpoint: the import starts at the checkpoint, whose time is its
     * commit file's (the checkpoint file was written later), as Kernel's earliest recreatable commit.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"EQUAL", "DECREASING", "GAPS"})
    void importFromACheckpoint(Pattern pattern) throws Exception {
        Path table = copyLog("basic-with-inserts-deletes-checkpoint");
        for (long v = 0; v < 10; v++) {
            Files.delete(commitFile(table, v));
        }
        setFileTimes(table, v -> pattern.time(v, 14));
        Files.setLastModifiedTime(
                table.resolve("_delta_log/00000000000000000010.checkpoint.parquet"),
                FileTime.fromMillis(BASE + 86_400_000L));
        assertImportAgrees(table, "t");
    }

    /**
     * Checkpoints at 10 (Spark's) and 12 (Kernel's), commit files from 11 on: Delta readers' time
     * travel starts at the checkpoint 12, their earliest recreatable version (the first checkpoint at
     * or after the oldest commit file), and so does the import, timed by 12's commit file.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"EQUAL", "DECREASING", "GAPS"})
    void aCheckpointWithoutItsCommitFile(Pattern pattern) throws Exception {
        Path table = copyLog("basic-with-inserts-deletes-checkpoint");
        Checkpointer.kernel().checkpoint(KernelEngines.create(), table.toString(), 12);
        for (long v = 0; v <= 10; v++) {
            Files.delete(commitFile(table, v));
        }
        setFileTimes(table, v -> pattern.time(v, 14));
        assertImportAgrees(table, "t");
    }

    /** Versions another engine committed after the import continue from the catalog's head time, never before it. */
    @Test
    void catchUpContinuesFromTheHeadTime() throws Exception {
        Path full = copyLog("basic-with-inserts-deletes-checkpoint");
        setFileTimes(full, v -> BASE + 60_000 * v);
        Path table = dir.resolve("growing");
        Files.createDirectories(table.resolve("_delta_log"));
        for (long v = 0; v <= 6; v++) {
            copyWithTime(commitFile(full, v), commitFile(table, v));
        }
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            importer.importTable(table, "g", ImportProgress.NONE);
            // The later commits' files are older than the head's (copied with older times).
            for (long v = 7; v <= 13; v++) {
                Files.copy(commitFile(full, v), commitFile(table, v));
                Files.setLastModifiedTime(commitFile(table, v), FileTime.fromMillis(BASE + 1_000 * v));
            }
            Files.copy(
                    full.resolve("_delta_log/00000000000000000010.checkpoint.parquet"),
                    table.resolve("_delta_log/00000000000000000010.checkpoint.parquet"));
            assertThat(importer.catchUp("g", ImportProgress.NONE).headVersion()).isEqualTo(13);
            TimeTravelOracle.assertAgrees(catalog, "g", table, TimeTravelOracle.kernel40(), List.of());
            assertNonDecreasing(catalog.history("g"));
        }
    }

    /**
     * In-commit timestamps enabled at version 3 of a log whose files were copied after the fact (all
     * newer than every in-commit timestamp): versions 0–2 are before the first time Delta readers can
     * reach, and versions 3 on are found by their in-commit timestamps, whatever their files' times.
     */
    @Test
    void inCommitTimestampsEnabledLaterInACopiedLog() throws Exception {
        long[] ict = {0, 0, 0, BASE + 10_000, BASE + 20_000, BASE + 20_001, BASE + 90_000};
        Path table = new IctLog(dir.resolve("copied"), ict, 3).write();
        setFileTimes(table, v -> BASE + 86_400_000L);
        List<HistoryEntry> history = assertIctImportAgrees(table, ict);
        assertThat(history.get(history.size() - 1 - 2).timestamp())
                .as("version 2, never chosen by time")
                .isEqualTo(ict[3]);
        assertThat(history.get(0).timestamp()).isEqualTo(ict[6]);
    }

    /** Enabled at version 3 with consistent times before it; the files of later versions have unrelated times. */
    @Test
    void inCommitTimestampsEnabledLater() throws Exception {
        long[] ict = {0, 0, 0, BASE + 10_000, BASE + 20_000, BASE + 30_000};
        Path table = new IctLog(dir.resolve("later"), ict, 3).write();
        setFileTimes(table, v -> v < 3 ? BASE + 1_000 * v : BASE - 1_000 * v);
        assertIctImportAgrees(table, ict);
    }

    /** Enabled since the table's creation (no enablement version): every version by its in-commit timestamp. */
    @Test
    void inCommitTimestampsFromTheStart() throws Exception {
        long[] ict = {BASE, BASE + 5, BASE + 6, BASE + 60_000, BASE + 60_001};
        Path table = new IctLog(dir.resolve("always"), ict, 0).write();
        setFileTimes(table, v -> BASE + 86_400_000L);
        assertIctImportAgrees(table, ict);
    }

    /** Enabled, then disabled: Delta readers go by the files' times for every version, and so does the catalog. */
    @Test
    void inCommitTimestampsDisabledAgain() throws Exception {
        long[] ict = {0, 0, BASE - 500_000, BASE - 400_000, BASE - 300_000, 0, 0};
        IctLog log = new IctLog(dir.resolve("disabled"), ict, 2);
        log.disabledAt = 5;
        Path table = log.write();
        setFileTimes(table, v -> Pattern.GAPS.time(v, 7));
        assertIctImportAgrees(table, ict);
    }

    private List<HistoryEntry> assertIctImportAgrees(Path table, long[] ict) throws Exception {
        List<Long> extra = new ArrayList<>();
        for (long t : ict) {
            if (t != 0) {
                extra.add(t);
            }
        }
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, "t", ImportProgress.NONE);
            TimeTravelOracle.assertAgrees(catalog, "t", table, TimeTravelOracle.kernel43(), extra);
            assertNonDecreasing(catalog.history("t"));
            return catalog.history("t");
        }
    }

    private void assertImportAgrees(Path table, String name) throws Exception {
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, name, ImportProgress.NONE);
            assertThat(TimeTravelOracle.assertAgrees(catalog, name, table, TimeTravelOracle.kernel40(), List.of()))
                    .isGreaterThan(5);
            assertNonDecreasing(catalog.history(name));
        }
    }

    private static void assertNonDecreasing(List<HistoryEntry> newestFirst) {
        for (int i = 1; i < newestFirst.size(); i++) {
            assertThat(newestFirst.get(i).timestamp())
                    .as("version %d", newestFirst.get(i).version())
                    .isLessThanOrEqualTo(newestFirst.get(i - 1).timestamp());
        }
    }

    private Path copyLog(String golden) throws IOException {
        Path from = GoldenTables.requireRoot().resolve(golden).resolve("_delta_log");
        Path table = dir.resolve(golden);
        Files.createDirectories(table.resolve("_delta_log"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                if (!f.getFileName().toString().endsWith(".crc")) {
                    Files.copy(f, table.resolve("_delta_log").resolve(f.getFileName()));
                }
            }
        }
        return table;
    }

    private static void copyWithTime(Path from, Path to) throws IOException {
        Files.copy(from, to);
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
    }

    private static Path commitFile(Path table, long v) {
        return table.resolve("_delta_log").resolve(String.format("%020d.json", v));
    }

    private static long commitCount(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json"))
                    .count();
        }
    }

    private static void setFileTimes(Path table, LongUnaryOperator time) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json"))
                    .toList()) {
                long v = Long.parseLong(f.getFileName().toString().substring(0, 20));
                Files.setLastModifiedTime(f, FileTime.fromMillis(time.applyAsLong(v)));
            }
        }
    }

    /**
     * A log with in-commit timestamps (PROTOCOL.md "In-Commit Timestamps"): enabled at version
     * {@code enablement} (0: at creation, without enablement properties), each commit from it on
     * with {@code ict[v]} in its commitInfo; optionally disabled again at {@code disabledAt}.
     */
    private static final class IctLog {
        private static final String SCHEMA = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\","
                + "\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
        private final Path table;
        private final long[] ict;
        private final int enablement;
        int disabledAt = -1;

        IctLog(Path table, long[] ict, int enablement) {
            this.table = table;
            this.ict = ict;
            this.enablement = enablement;
        }

        Path write() throws IOException {
            Files.createDirectories(table.resolve("_delta_log"));
            for (int v = 0; v < ict.length; v++) {
                boolean enabled = v >= enablement && (disabledAt < 0 || v < disabledAt);
                List<String> lines = new ArrayList<>();
                lines.add("{\"commitInfo\":{" + (enabled ? "\"inCommitTimestamp\":" + ict[v] + "," : "")
                        + "\"timestamp\":" + (BASE - 3_600_000L + v)
                        + ",\"operation\":\"WRITE\",\"engineInfo\":\"test\"}}");
                if (v == 0 || v == enablement) {
                    lines.add(
                            v >= enablement
                                    ? "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":7,"
                                            + "\"writerFeatures\":[\"appendOnly\",\"invariants\",\"inCommitTimestamp\"]}}"
                                    : "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}");
                }
                if (v == 0 || v == enablement || v == disabledAt) {
                    lines.add(metaData(v));
                }
                if (v > 0) {
                    lines.add("{\"add\":{\"path\":\"f" + v + ".parquet\",\"partitionValues\":{},\"size\":" + (100 + v)
                            + ",\"modificationTime\":" + BASE
                            + ",\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":1}\"}}");
                }
                Files.write(commitFile(table, v), lines, StandardCharsets.UTF_8);
            }
            return table;
        }

        private String metaData(int v) {
            String configuration;
            if (v == disabledAt) {
                configuration = "{\"delta.enableInCommitTimestamps\":\"false\"}";
            } else if (v < enablement) {
                configuration = "{}";
            } else if (enablement == 0) {
                configuration = "{\"delta.enableInCommitTimestamps\":\"true\"}";
            } else {
                configuration =
                        "{\"delta.enableInCommitTimestamps\":\"true\",\"delta.inCommitTimestampEnablementVersion\":\""
                                + enablement + "\",\"delta.inCommitTimestampEnablementTimestamp\":\"" + ict[enablement]
                                + "\"}";
            }
            return "{\"metaData\":{\"id\":\"5a1e0c1e-0000-4000-8000-000000000001\",\"format\":{\"provider\":"
                    + "\"parquet\",\"options\":{}},\"schemaString\":\"" + SCHEMA + "\",\"partitionColumns\":[],"
                    + "\"configuration\":" + configuration + ",\"createdTime\":" + BASE + "}}";
        }
    }
}
