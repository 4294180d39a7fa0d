package io.deltasql.tests.readers;

import static io.deltasql.tests.readers.TableDefinition.delete;
import static io.deltasql.tests.readers.TableDefinition.deleteRowsOf;
import static io.deltasql.tests.readers.TableDefinition.insert;
import static io.deltasql.tests.readers.TableDefinition.partitioned;
import static io.deltasql.tests.readers.TableDefinition.setProperty;
import static io.deltasql.tests.readers.TableDefinition.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables written through {@code jdbc:deltasql:} on SQLite, one per feature, are read from their
 * mirrored {@code _delta_log} by Delta Kernel 4.0, Delta Kernel 4.3 and (unless {@code -DskipSpark})
 * Spark with Delta; at every version each reader must see what the catalog holds: the same active
 * files (with deletion vector and row ids), commit timestamp and protocol, and choose the same
 * version for a timestamp. Each reader runs once, over all tables, in a JVM of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderConformanceTest {

    /** One line per table; a feature's table goes here. */
    private static final List<TableDefinition> TABLES = List.of(
            table(
                    "plain",
                    Map.of(),
                    insert("a", "b"),
                    insert("c"),
                    delete("a"),
                    setProperty("owner", "data-eng"),
                    insert("d")),
            partitioned(
                    "partitioned",
                    Map.of(),
                    insert("eu/a", "us/b"),
                    insert("eu/c"),
                    delete("eu/a"),
                    setProperty("owner", "data-eng")),
            table(
                    "deletion_vectors",
                    Map.of("delta.enableDeletionVectors", "true"),
                    insert("a", "b"),
                    deleteRowsOf("a"),
                    delete("b"),
                    insert("c")),
            table(
                    "change_data_feed",
                    Map.of("delta.enableChangeDataFeed", "true"),
                    insert("a", "b"),
                    delete("a"),
                    setProperty("owner", "data-eng")),
            table(
                    "column_mapping",
                    Map.of("delta.columnMapping.mode", "name"),
                    insert("a", "b"),
                    delete("a"),
                    insert("c")),
            table(
                    "append_only",
                    Map.of("delta.appendOnly", "true"),
                    insert("a"),
                    insert("b"),
                    setProperty("owner", "data-eng")),
            table(
                    "deletion_vectors_enabled_later",
                    Map.of(),
                    insert("a"),
                    setProperty("delta.enableDeletionVectors", "true"),
                    deleteRowsOf("a")),
            table(
                    "row_tracking",
                    Map.of("delta.enableRowTracking", "true"),
                    insert("a", "b"),
                    insert("c"),
                    delete("a"),
                    insert("d")),
            table(
                    "in_commit_timestamps",
                    Map.of("delta.enableInCommitTimestamps", "true"),
                    insert("a"),
                    insert("b"),
                    delete("a")),
            table(
                    "row_tracking_and_ict",
                    Map.of("delta.enableRowTracking", "true", "delta.enableInCommitTimestamps", "true"),
                    insert("a", "b"),
                    delete("b"),
                    insert("c")),
            table(
                    "row_tracking_deletion_vectors",
                    Map.of("delta.enableRowTracking", "true", "delta.enableDeletionVectors", "true"),
                    insert("a", "b"),
                    deleteRowsOf("a"),
                    insert("c")),
            table(
                    "in_commit_timestamps_enabled_later",
                    Map.of(),
                    insert("a"),
                    insert("b"),
                    setProperty("delta.enableInCommitTimestamps", "true"),
                    insert("c"),
                    delete("a")),
            table(
                    "row_tracking_supported_later",
                    Map.of(),
                    setProperty("delta.feature.rowTracking", "supported"),
                    insert("a"),
                    setProperty("delta.enableRowTracking", "true"),
                    insert("b")),
            table(
                    "v2_checkpoints",
                    Map.of("delta.checkpointPolicy", "v2", "delta.checkpointInterval", "2"),
                    insert("a"),
                    insert("b"),
                    insert("c"),
                    delete("a"),
                    insert("d")),
            table(
                    "classic_checkpoints_cdf",
                    Map.of("delta.enableChangeDataFeed", "true", "delta.checkpointInterval", "2"),
                    insert("a"),
                    insert("b"),
                    delete("a"),
                    insert("c")),
            table("type_widening", Map.of("delta.enableTypeWidening", "true"), insert("a"), delete("a")),
            table("clustering", Map.of("clusteringColumns", "[\"id\"]"), insert("a", "b"), delete("a"), insert("c")),
            table(
                    "column_mapping_id",
                    Map.of("delta.columnMapping.mode", "id", "delta.enableDeletionVectors", "true"),
                    insert("a", "b"),
                    deleteRowsOf("b"),
                    insert("c")));

    private static final long MIRROR_WAIT_MILLIS = 120_000;

    @TempDir
    static Path dir;

    /** Why a table could not be written as defined (the commit and its error), by table name. */
    private final Map<String, String> writeFailures = new LinkedHashMap<>();

    private final Map<String, ReaderReport> catalogStates = new LinkedHashMap<>();
    private final List<ExternalReaders.Run> runs = new ArrayList<>();

    @BeforeAll
    void writeTablesAndRunReaders() throws Exception {
        Path catalogFile = dir.resolve("catalog.db");
        try (Connection c = DriverManager.getConnection("jdbc:deltasql:sqlite:" + catalogFile)) {
            for (TableDefinition t : TABLES) {
                write(c, t);
            }
            awaitMirror(c);
        }
        try (DeltaCatalog catalog = DeltaCatalog.open(
                CatalogConfig.builder("jdbc:sqlite:" + catalogFile).build())) {
            for (TableDefinition t : TABLES) {
                if (catalog.findTable(t.name()).isPresent()) {
                    ReaderReport versions = CatalogStates.of(catalog, t.name(), List.of());
                    catalogStates.put(t.name(), CatalogStates.of(catalog, t.name(), aroundCommits(versions)));
                    ReaderReport.VersionState head =
                            versions.versions().get(versions.versions().size() - 1);
                    System.out.printf(
                            "ReaderConformanceTest: table %s, head version %d, protocol %s%n",
                            t.name(), head.version(), head.protocol());
                }
            }
        }
        List<ExternalReaders.Request> requests = catalogStates.entrySet().stream()
                .map(e -> new ExternalReaders.Request(
                        location(e.getKey()),
                        e.getValue().timeTravel().stream()
                                .map(ReaderReport.TimeTravelAnswer::timestamp)
                                .toList()))
                .toList();
        for (ExternalReader reader : ExternalReader.values()) {
            if (!reader.available()) {
                System.out.println(
                        "ReaderConformanceTest: " + reader + " not built (left out by -DskipSpark); skipped");
                continue;
            }
            ExternalReaders.Run run = ExternalReaders.read(reader, dir.resolve("readers"), requests);
            System.out.printf(
                    "ReaderConformanceTest: %s read %d tables in %d ms (its own figures: %s)%n",
                    run.readerName(), requests.size(), run.wallMillis(), figures(run));
            runs.add(run);
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyReaderAgreesWithTheCatalogAtEveryVersion() {
        return TABLES.stream()
                .map(t -> DynamicContainer.dynamicContainer(
                        t.name(),
                        runs.stream()
                                .flatMap(run -> Stream.of(
                                        dynamicTest(
                                                run.readerName() + ": active files and protocol at every version",
                                                () -> {
                                                    ReaderReport expected = written(t);
                                                    ReaderReport actual = read(run, t);
                                                    assertThat(actual.versions().stream()
                                                                    .map(ReaderReport.VersionState::withoutTimestamp)
                                                                    .toList())
                                                            .as(
                                                                    "%s of table %s (versions 0 to %d)",
                                                                    run.readerName(),
                                                                    t.name(),
                                                                    expected.versions()
                                                                                    .size()
                                                                            - 1)
                                                            .containsExactlyElementsOf(expected.versions().stream()
                                                                    .map(ReaderReport.VersionState::withoutTimestamp)
                                                                    .toList());
                                                }),
                                        dynamicTest(run.readerName() + ": commit timestamps", () -> {
                                            assertThat(timestamps(read(run, t)))
                                                    .as(
                                                            "%s: commit timestamp by version of table %s",
                                                            run.readerName(), t.name())
                                                    .isEqualTo(timestamps(written(t)));
                                        }),
                                        dynamicTest(run.readerName() + ": timestamp time travel", () -> {
                                            assertThat(outcomes(read(run, t).timeTravel()))
                                                    .as(
                                                            "%s: version chosen by timestamp in table %s",
                                                            run.readerName(), t.name())
                                                    .isEqualTo(
                                                            outcomes(written(t).timeTravel()));
                                        })))));
    }

    private void write(Connection c, TableDefinition t) throws SQLException {
        String step = "create";
        try (Statement s = c.createStatement()) {
            Files.createDirectories(location(t.name()));
            s.executeUpdate(t.createStatement(location(t.name()).toString()));
            for (TableDefinition.Commit commit : t.commits()) {
                step = commit.description();
                List<String> statements = commit.statementsFor(t.name());
                c.setAutoCommit(statements.size() == 1);
                for (String sql : statements) {
                    s.executeUpdate(sql);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        } catch (SQLException | IOException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            writeFailures.put(t.name(), step + ": " + e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Waits until the mirror has written every committed version of every table (it writes in the background). */
    private static void awaitMirror(Connection c) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + MIRROR_WAIT_MILLIS * 1_000_000;
        String behind = "";
        while (System.nanoTime() < deadline) {
            behind = "";
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT table_name, head_version, mirrored_version, pending_versions, last_error FROM sys.mirror")) {
                while (rs.next()) {
                    if (rs.getLong(2) != rs.getLong(3) || rs.getLong(4) != 0) {
                        behind += rs.getString(1) + " (head " + rs.getLong(2) + ", mirrored " + rs.getLong(3)
                                + ", last error " + rs.getString(5) + ") ";
                    }
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the mirror did not catch up within " + MIRROR_WAIT_MILLIS + " ms: " + behind);
    }

    private Path location(String table) {
        return dir.resolve("lake").resolve(table);
    }

    private ReaderReport written(TableDefinition t) {
        assertThat(writeFailures.get(t.name()))
                .as("writing table %s through SQL failed at", t.name())
                .isNull();
        return catalogStates.get(t.name());
    }

    private ReaderReport read(ExternalReaders.Run run, TableDefinition t) {
        ReaderReport report = run.table(location(t.name()));
        assertThat(report.error())
                .as("%s refused table %s", run.readerName(), t.name())
                .isNull();
        return report;
    }

    /**
     * Each commit's time and a millisecond before and after it, except after the last commit: time
     * travel must pick the same version around every commit. (Past the last commit Delta's readers
     * refuse a timestamp while {@code files_as_of} answers the head version: a difference of
     * interface, not of the log, left out here.)
     */
    private static List<Long> aroundCommits(ReaderReport catalog) {
        List<Long> times = catalog.versions().stream()
                .map(ReaderReport.VersionState::timestamp)
                .sorted()
                .toList();
        long last = times.get(times.size() - 1);
        return times.stream()
                .flatMap(t -> Stream.of(t - 1, t, t + 1))
                .filter(t -> t <= last)
                .distinct()
                .sorted()
                .toList();
    }

    private static Map<Long, Long> timestamps(ReaderReport report) {
        Map<Long, Long> byVersion = new TreeMap<>();
        for (ReaderReport.VersionState v : report.versions()) {
            byVersion.put(v.version(), v.error() != null ? null : v.timestamp());
        }
        return byVersion;
    }

    /** Version by timestamp; a refusal compares by its presence, not its wording (each reader words it its own way). */
    private static Map<Long, String> outcomes(List<ReaderReport.TimeTravelAnswer> answers) {
        Map<Long, String> byTimestamp = new TreeMap<>();
        for (ReaderReport.TimeTravelAnswer a : answers) {
            byTimestamp.put(a.timestamp(), a.error() != null ? "refused" : "version " + a.version());
        }
        return byTimestamp;
    }

    private static String figures(ExternalReaders.Run run) {
        if (!run.figures().has("startupMillis")) {
            return "-";
        }
        StringBuilder s = new StringBuilder(
                "start-up " + run.figures().get("startupMillis").asLong() + " ms");
        run.figures()
                .get("tables")
                .forEach(t -> s.append(", ")
                        .append(Path.of(t.get("path").asText()).getFileName())
                        .append(' ')
                        .append(t.path("readMillis").asLong())
                        .append(" ms"));
        return s.toString();
    }
}
