package io.deltasql.tests.uc;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delta Kernel 4.3's Unity Catalog client (unmodified, in its own JVM) on catalog-managed tables a
 * deltasql server manages: what Kernel writes it reads back at every version, the SQL side and a
 * path-based Kernel reading the published {@code _delta_log} agree with it, and a table created
 * through SQL takes Kernel's commits.
 */
class CatalogManagedKernelTest {

    /**
     * Scenario 1: create, append in several commits, read every version before and after publish;
     * on SQLite and PostgreSQL (the catalog databases' own differences are covered in core's tests).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void kernelReadsBackEveryVersionItWroteAndSqlAgrees(CatalogTarget target) throws Exception {
        Path dir = UcRuns.fresh("kernel-" + target.name());
        try (UcTestServer server = UcTestServer.start(target, dir)) {
            UcClient client = server.writerClient();
            UcClient.Table table = UcRuns.newTable(dir, "events");
            TableDirectory files = new TableDirectory(Path.of(table.location()));
            assertThat(client.create(table, UcJson.SCHEMA, UcJson.PARTITIONS).version())
                    .isZero();

            Map<Long, List<UcJson.Row>> expected = new TreeMap<>();
            expected.put(0L, List.of());
            List<UcJson.Row> all = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                List<UcJson.Row> rows = UcJson.rows(i * 100L, 4, "append" + i);
                assertThat(client.append(table, UcJson.rowsJson(rows)).version())
                        .isEqualTo(i);
                all.addAll(rows);
                expected.put((long) i, UcJson.sorted(all));
            }

            assertReadsEveryVersion(client, table, expected);
            try (Connection c = server.sql()) {
                CatalogView.Registration reg = CatalogView.registration(c, "events");
                assertThat(reg.kind()).isEqualTo("catalog-managed");
                assertThat(reg.catalogTableId()).isEqualTo(table.tableId());
                assertThat(CatalogView.versions(c, "events")).containsExactly(0L, 1L, 2L, 3L);
                assertThat(CatalogView.files(c, "events"))
                        .as("$files: the Parquet files Kernel wrote, each once")
                        .containsExactlyElementsOf(files.parquetFiles())
                        .hasSize(6);
                List<String> cumulative = new ArrayList<>();
                for (long v = 0; v <= 3; v++) {
                    cumulative.addAll(CatalogView.addedAt(c, "events", v));
                    assertThat(CatalogView.filesAt(c, "events", v))
                            .as("files of version %d", v)
                            .containsExactlyInAnyOrderElementsOf(cumulative);
                }
            }

            assertThat(client.publish(table).ok()).isTrue();
            assertThat(files.logListing())
                    .contains(
                            "00000000000000000000.json",
                            "00000000000000000001.json",
                            "00000000000000000002.json",
                            "00000000000000000003.json");
            assertReadsEveryVersion(client, table, expected);

            // A commit after publishing (the client now reports the backfilled version), read back too.
            List<UcJson.Row> rows = UcJson.rows(900, 2, "after-publish");
            assertThat(client.append(table, UcJson.rowsJson(rows)).version()).isEqualTo(4);
            all.addAll(rows);
            expected.put(4L, UcJson.sorted(all));
            assertReadsEveryVersion(client, table, expected);
            try (Connection c = server.sql()) {
                assertThat(CatalogView.versions(c, "events")).containsExactly(0L, 1L, 2L, 3L, 4L);
                assertThat(CatalogView.files(c, "events")).containsExactlyElementsOf(files.parquetFiles());
            }
        }
    }

    static Stream<CatalogTarget> targets() {
        return Stream.of(CatalogTargets.SQLITE, CatalogTargets.EMBEDDED_POSTGRES);
    }

    /** Scenario 2: Delta Kernel 4.3 reading the published {@code _delta_log} by path agrees with the catalog. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void thePublishedLogAgreesWithTheCatalogAtEveryVersion() throws Exception {
        Path dir = UcRuns.fresh("path-agreement");
        try (UcTestServer server = UcTestServer.start(CatalogTargets.SQLITE, dir)) {
            UcClient.Table table = mixedHistory(server, dir);
            Map<Long, List<String>> catalog = new TreeMap<>();
            try (Connection c = server.sql()) {
                for (long v : CatalogView.versions(c, "events")) {
                    catalog.put(v, CatalogView.filesAt(c, "events", v));
                }
            }
            assertThat(catalog.keySet()).containsExactly(0L, 1L, 2L, 3L, 4L);
            Kernel43PathReader.Seen seen = Kernel43PathReader.read(Path.of(table.location()), dir);
            assertThat(seen.tableError())
                    .as("Kernel 4.3 loads the table by path")
                    .isNull();
            assertThat(seen.files())
                    .as("Kernel 4.3 by path vs the catalog, per version")
                    .isEqualTo(catalog);
        }
    }

    /** Scenario 2, the CLI: {@code deltasql verify --all-versions} finds the table consistent. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void verifyFindsTheCatalogManagedTableConsistent() throws Exception {
        Path dir = UcRuns.fresh("verify");
        try (UcTestServer server = UcTestServer.start(CatalogTargets.SQLITE, dir)) {
            mixedHistory(server, dir);
            DeltaSqlCommand.Output verify = DeltaSqlCommand.run(
                    dir.resolve("cli"), "verify", "events", "--all-versions", "--catalog", server.catalogUrl());
            assertThat(verify.exitCode()).as("deltasql verify: %s", verify).isZero();
        }
    }

    /**
     * Table {@code events}, versions 0 to 4: Kernel's create, two Kernel appends, a SQL commit (a copy
     * of a Parquet file Kernel wrote), a Kernel append; then Kernel publishes.
     */
    private static UcClient.Table mixedHistory(UcTestServer server, Path dir) throws Exception {
        UcClient client = server.writerClient();
        UcClient.Table table = UcRuns.newTable(dir, "events");
        TableDirectory files = new TableDirectory(Path.of(table.location()));
        client.create(table, UcJson.SCHEMA, UcJson.PARTITIONS).version();
        client.append(table, UcJson.rowsJson(UcJson.rows(0, 4, "a"))).version();
        client.append(table, UcJson.rowsJson(UcJson.rows(10, 2, "b"))).version();
        String kernelFile = files.parquetFiles().get(0);
        long size = files.copy(kernelFile, "p=x/sql-copy.parquet");
        try (Connection c = server.sql();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO \"events$files\"(path, size, p) VALUES ('p=x/sql-copy.parquet', " + size + ", 'x')");
        }
        assertThat(client.append(table, UcJson.rowsJson(UcJson.rows(20, 2, "c")))
                        .version())
                .isEqualTo(4);
        client.publish(table).version();
        return table;
    }

    /** Scenario 5: a catalog-managed table created through SQL takes Kernel's commits by its id and location. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void kernelAppendsToATableCreatedThroughSql() throws Exception {
        kernelAppendsToASqlCreatedTable("sql-created");
    }

    private static void kernelAppendsToASqlCreatedTable(String run) throws Exception {
        Path dir = UcRuns.fresh(run);
        try (UcTestServer server = UcTestServer.start(CatalogTargets.SQLITE, dir)) {
            Path location = dir.resolve("m");
            String tableId;
            try (Connection c = server.sql();
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string, partition_columns,"
                        + " properties) VALUES ('m', '" + location + "', '" + UcJson.SCHEMA + "', '[\"p\"]',"
                        + " '{\"delta.feature.catalogManaged\":\"supported\"}')");
                CatalogView.Registration reg = CatalogView.registration(c, "m");
                assertThat(reg.kind()).isEqualTo("catalog-managed");
                tableId = reg.catalogTableId();
                assertThat(tableId).isNotBlank();
            }
            UcClient client = server.writerClient();
            UcClient.Table table = new UcClient.Table(tableId, "file:" + location, UcRuns.fullName("m"));
            assertThat(UcJson.rowsOf(client.read(table))).isEmpty();
            List<UcJson.Row> first = UcJson.rows(1, 3, "k1");
            assertThat(client.append(table, UcJson.rowsJson(first)).version()).isEqualTo(1);
            List<UcJson.Row> second = UcJson.rows(50, 2, "k2");
            assertThat(client.append(table, UcJson.rowsJson(second)).version()).isEqualTo(2);

            List<UcJson.Row> both = new ArrayList<>(first);
            both.addAll(second);
            UcClient.Result latest = client.read(table);
            assertThat(latest.version()).isEqualTo(2);
            assertThat(UcJson.rowsOf(latest)).isEqualTo(UcJson.sorted(both));
            assertThat(UcJson.rowsOf(client.read(table, 1))).isEqualTo(UcJson.sorted(first));
            assertThat(UcJson.rowsOf(client.read(table, 0))).isEmpty();
            try (Connection c = server.sql()) {
                assertThat(CatalogView.versions(c, "m")).containsExactly(0L, 1L, 2L);
                assertThat(CatalogView.files(c, "m"))
                        .containsExactlyElementsOf(new TableDirectory(location).parquetFiles());
            }
        }
    }

    private static void assertReadsEveryVersion(
            UcClient client, UcClient.Table table, Map<Long, List<UcJson.Row>> expected) throws Exception {
        long latest =
                expected.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        UcClient.Result head = client.read(table);
        assertThat(head.version()).isEqualTo(latest);
        assertThat(UcJson.rowsOf(head)).as("latest").isEqualTo(expected.get(latest));
        for (Map.Entry<Long, List<UcJson.Row>> e : expected.entrySet()) {
            UcClient.Result r = client.read(table, e.getKey());
            assertThat(r.version()).isEqualTo(e.getKey());
            assertThat(UcJson.rowsOf(r)).as("version %d", e.getKey()).isEqualTo(e.getValue());
        }
    }
}
