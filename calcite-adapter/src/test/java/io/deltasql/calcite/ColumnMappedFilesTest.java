package io.deltasql.calcite;

import static io.deltasql.calcite.SqlTesting.column;
import static io.deltasql.calcite.SqlTesting.plan;
import static io.deltasql.calcite.SqlTesting.rows;
import static io.deltasql.calcite.SqlTesting.sqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.internal.mirror.KernelEngines;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.GoldenTables;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $files} of a column-mapped table (issue 17, finding 6): the log keys partition values by
 * physical names; SQL takes logical or physical names, shows both, and rows copied from
 * {@code $files} go back in; Delta Kernel reads the result.
 */
class ColumnMappedFilesTest {
    private static final String PHYSICAL = "col-9d41b7e2-5c3a-4e0f-8a61-2f7d1c0b9e44";
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":1,"
            + "\"delta.columnMapping.physicalName\":\"col-3f0c2a51-8b7d-4c1e-9f20-6a5b4c3d2e1f\"}},"
            + "{\"name\":\"part\",\"type\":\"string\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":2,"
            + "\"delta.columnMapping.physicalName\":\"" + PHYSICAL + "\"}}]}";
    private static final String PROPERTIES =
            "{\"delta.columnMapping.mode\":\"name\",\"delta.columnMapping.maxColumnId\":\"2\"}";

    @TempDir
    Path dir;

    @Test
    void partitionValuesByLogicalOrPhysicalNameRoundTrip() throws Exception {
        Path location = dir.resolve("cm");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (Connection c = AdapterConnections.connect(cat);
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO delta.tables(name, location, schema_string, partition_columns, properties) VALUES"
                                + " ('cm', '" + location + "', '" + SCHEMA + "', '[\"part\"]', '" + PROPERTIES + "')");
                assertThat(rows(s, "SELECT min_reader_version, min_writer_version FROM delta.tables WHERE name = 'cm'"))
                        .containsExactly(List.of(2, 5));
                // v1: logical key; v2: physical key (any case); v3: the typed column.
                s.executeUpdate(
                        "INSERT INTO \"cm$files\"(path, size, partition_values) VALUES ('a1.parquet', 10, '{\"part\":\"a\"}')");
                s.executeUpdate("INSERT INTO \"cm$files\"(path, size, partition_values) VALUES ('b1.parquet', 20, '{\""
                        + PHYSICAL.toUpperCase() + "\":\"b\"}')");
                s.executeUpdate(
                        "INSERT INTO \"cm$files\"(path, size, part, partition_values_logical) VALUES ('c1.parquet', 30, 'c',"
                                + " '{\"part\":\"c\"}')");

                assertThat(
                                rows(
                                        s,
                                        "SELECT path, partition_values, partition_values_logical, part FROM \"cm$files\" ORDER BY path"))
                        .containsExactly(
                                List.of("a1.parquet", "{\"" + PHYSICAL + "\":\"a\"}", "{\"part\":\"a\"}", "a"),
                                List.of("b1.parquet", "{\"" + PHYSICAL + "\":\"b\"}", "{\"part\":\"b\"}", "b"),
                                List.of("c1.parquet", "{\"" + PHYSICAL + "\":\"c\"}", "{\"part\":\"c\"}", "c"));
                assertThat(column(s, "SELECT path FROM \"cm$files\" WHERE part = 'b'"))
                        .containsExactly("b1.parquet");
                assertThat(plan(s, "SELECT path FROM \"cm$files\" WHERE part = 'b'"))
                        .isEqualTo(
                                "EnumerableCalc(expr#0..1=[{inputs}], expr#2=['b':VARCHAR], expr#3=[=($t1, $t2)], path=[$t0], $condition=[$t3])\n"
                                        + "  DeltaTableScan(table=[[delta, cm$files]], filters=[[=($10, 'b')]], columns=[[0, 10]])\n");
                assertThat(rows(
                                s,
                                "SELECT part, num_files, partition_values, partition_values_logical FROM \"cm$partitions\""
                                        + " WHERE part = 'b'"))
                        .containsExactly(List.of("b", 1L, "{\"" + PHYSICAL + "\":\"b\"}", "{\"part\":\"b\"}"));
                assertThat(column(s, "SELECT part FROM \"cm$partitions\" ORDER BY part"))
                        .containsExactly("a", "b", "c");

                // v4: the finding's statement, every column of $files copied back under new paths.
                assertThat(s.executeUpdate("INSERT INTO \"cm$files\" SELECT 'copy-' || path, size, modification_time,"
                                + " data_change, partition_values, stats, num_records, tags, deletion_vector, partition_values_logical, part"
                                + " FROM \"cm$files\""))
                        .isEqualTo(3);
                // v5: DELETE by the partition column; v6: the deleted rows back from time travel, as they were.
                assertThat(s.executeUpdate("DELETE FROM \"cm$files\" WHERE part = 'a'"))
                        .isEqualTo(2);
                assertThat(s.executeUpdate(
                                "INSERT INTO \"cm$files\" SELECT * FROM TABLE(delta.files('cm', 4)) WHERE part = 'a'"))
                        .isEqualTo(2);
                assertThat(
                                rows(
                                        s,
                                        "SELECT path, partition_values_logical FROM \"cm$files\" WHERE part IN ('a', 'c') ORDER BY path"))
                        .containsExactly(
                                List.of("a1.parquet", "{\"part\":\"a\"}"),
                                List.of("c1.parquet", "{\"part\":\"c\"}"),
                                List.of("copy-a1.parquet", "{\"part\":\"a\"}"),
                                List.of("copy-c1.parquet", "{\"part\":\"c\"}"));
                assertThat(rows(
                                s,
                                "SELECT action, partition_values, partition_values_logical FROM \"cm$changes\""
                                        + " WHERE version = 5 AND path = 'a1.parquet'"))
                        .containsExactly(List.of("remove", "{\"" + PHYSICAL + "\":\"a\"}", "{\"part\":\"a\"}"));
                assertThat(SqlTesting.count(s, "SELECT version FROM delta.tables WHERE name = 'cm'"))
                        .isEqualTo(6);
            }
            try (DeltaCatalog catalog = cat.open()) {
                try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
                    reconciler.reconcile();
                }
                assertThat(partitionKeysInLog(location)).containsExactly(PHYSICAL);
                VerifyReport report = new TableVerifier(catalog).verify("cm", true);
                assertThat(report.identical()).as(report.render()).isTrue();
            }
            assertThat(kernelFiles(location, Literal.ofString("b"))).containsExactly("b1.parquet", "copy-b1.parquet");
            assertThat(kernelFiles(location, Literal.ofString("a"))).containsExactly("a1.parquet", "copy-a1.parquet");
        }
    }

    /** The finding's table: Delta's golden dv-with-columnmapping (partitioned by integer part), imported, its rows copied back. */
    @Test
    void goldenColumnMappedTableRowsGoBack() throws Exception {
        Path golden = GoldenTables.requireRoot().resolve("dv-with-columnmapping");
        Path location = dir.resolve("dvcm");
        FileUtils.copyDirectory(golden.toFile(), location.toFile());
        String physical = "col-60c949ca-b8bc-4330-b931-b73fb4c60037";
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                new DeltaLogImporter(catalog).importTable(location, "dvcm", ImportProgress.NONE);
            }
            List<String> partOne;
            try (Connection c = AdapterConnections.connect(cat);
                    Statement s = c.createStatement()) {
                long files = SqlTesting.count(s, "SELECT count(*) FROM \"dvcm$files\"");
                assertThat(SqlTesting.count(s, "SELECT count(*) FROM \"dvcm$files\" WHERE part IS NULL"))
                        .isZero();
                assertThat(
                                rows(
                                        s,
                                        "SELECT DISTINCT partition_values, partition_values_logical FROM \"dvcm$files\" WHERE part = 1"))
                        .containsExactly(List.of("{\"" + physical + "\":\"1\"}", "{\"part\":\"1\"}"));
                partOne = column(s, "SELECT path FROM \"dvcm$files\" WHERE part = 1 ORDER BY path").stream()
                        .map(p -> p.toString().substring(p.toString().lastIndexOf('/') + 1))
                        .toList();
                assertThat(partOne).isNotEmpty();

                assertThat(s.executeUpdate("DELETE FROM \"dvcm$files\" WHERE part = 1"))
                        .isEqualTo(partOne.size());
                assertThat(
                                s.executeUpdate(
                                        "INSERT INTO \"dvcm$files\" SELECT * FROM TABLE(delta.files('dvcm', 15)) WHERE part = 1"))
                        .isEqualTo(partOne.size());
                assertThat(SqlTesting.count(s, "SELECT count(*) FROM \"dvcm$files\""))
                        .isEqualTo(files);
                assertThat(
                                rows(
                                        s,
                                        "SELECT path, partition_values, deletion_vector FROM \"dvcm$files\" EXCEPT"
                                                + " SELECT path, partition_values, deletion_vector FROM TABLE(delta.files('dvcm', 15))"))
                        .isEmpty();
            }
            try (DeltaCatalog catalog = cat.open()) {
                try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
                    reconciler.reconcile();
                }
                assertThat(partitionKeysInLog(location)).containsExactly(physical);
                VerifyReport report = new TableVerifier(catalog).verify("dvcm", true);
                assertThat(report.identical()).as(report.render()).isTrue();
            }
            assertThat(kernelFiles(location, Literal.ofInt(1))).isEqualTo(partOne);
        }
    }

    @Test
    void aPartitionGivenTwiceOrUnknownIsRefusedAndChangesNothing() throws Exception {
        Path location = dir.resolve("cm");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns, properties) VALUES"
                            + " ('cm', '" + location + "', '" + SCHEMA + "', '[\"part\"]', '" + PROPERTIES + "')");
            s.executeUpdate("INSERT INTO \"cm$files\"(path, size, part) VALUES ('a1.parquet', 10, 'a')");
            awaitLog(location, "00000000000000000001.json");
            String before = CatalogDump.of(cat.jdbcUrl());
            TreeMap<String, Long> log = SqlTesting.deltaLog(location);

            assertRefused(
                    s,
                    "INSERT INTO \"cm$files\"(path, size, partition_values) VALUES ('x.parquet', 1,"
                            + " '{\"part\":\"a\",\"" + PHYSICAL + "\":\"b\"}')",
                    "'part'",
                    PHYSICAL,
                    "'a'",
                    "'b'");
            assertRefused(
                    s,
                    "INSERT INTO \"cm$files\"(path, size, partition_values, partition_values_logical) VALUES"
                            + " ('x.parquet', 1, '{\"" + PHYSICAL + "\":\"a\"}', '{\"part\":\"b\"}')",
                    "partition_values_logical",
                    "'a'",
                    "'b'");
            assertRefused(
                    s,
                    "INSERT INTO \"cm$files\"(path, size, part, partition_values) VALUES"
                            + " ('x.parquet', 1, 'b', '{\"" + PHYSICAL + "\":\"a\"}')",
                    "column part",
                    "'a'",
                    "'b'");
            assertRefused(
                    s,
                    "INSERT INTO \"cm$files\"(path, size, partition_values) VALUES ('x.parquet', 1, '{\"region\":\"eu\"}')",
                    "'region'",
                    "not a partition column",
                    "[part], physical names [" + PHYSICAL + "]");

            assertThat(CatalogDump.of(cat.jdbcUrl())).as("catalog unchanged").isEqualTo(before);
            assertThat(SqlTesting.deltaLog(location)).as("_delta_log unchanged").isEqualTo(log);
            assertThat(column(s, "SELECT path FROM \"cm$files\"")).containsExactly("a1.parquet");
        }
    }

    private static void assertRefused(Statement s, String sql, String... messageParts) {
        assertThatThrownBy(() -> s.executeUpdate(sql))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(sqlState(e)).isEqualTo("22023");
                    assertThat(e.getMessage()).contains("cm").contains(messageParts);
                });
    }

    /** Waits for the mirror to write a log file, so that comparing the log before and after means something. */
    private static void awaitLog(Path location, String file) throws InterruptedException {
        for (int i = 0; i < 600 && !SqlTesting.deltaLog(location).containsKey(file); i++) {
            Thread.sleep(50);
        }
        assertThat(SqlTesting.deltaLog(location)).containsKey(file);
    }

    /** Every key of every add's and remove's partitionValues in the mirrored JSON commits. */
    private static TreeSet<String> partitionKeysInLog(Path location) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TreeSet<String> keys = new TreeSet<>();
        try (var files = Files.list(location.resolve("_delta_log"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode action = mapper.readTree(line);
                    for (String kind : List.of("add", "remove")) {
                        action.path(kind).path("partitionValues").fieldNames().forEachRemaining(keys::add);
                    }
                }
            }
        }
        return keys;
    }

    /** The files Delta Kernel's scan keeps for {@code part = value}: it prunes by the logical column's physical key. */
    private static List<String> kernelFiles(Path location, Literal value) throws Exception {
        Engine engine = KernelEngines.create();
        Snapshot snapshot = Table.forPath(engine, location.toString()).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder()
                .withFilter(new Predicate("=", new Column("part"), value))
                .build();
        List<String> paths = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        String path = InternalScanFileUtils.getAddFileStatus(rows.next())
                                .getPath();
                        paths.add(path.substring(path.lastIndexOf('/') + 1));
                    }
                }
            }
        }
        paths.sort(null);
        return paths;
    }
}
