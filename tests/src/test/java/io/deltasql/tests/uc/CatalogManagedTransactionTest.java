package io.deltasql.tests.uc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 4: one SQL transaction (autocommit off) over a catalog-managed table and an ordinary one
 * commits both or neither, and Kernel's UC client reads the catalog-managed one at the new version.
 */
class CatalogManagedTransactionTest {
    private static final String ORDINARY_SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aTransactionOverAManagedAndAnOrdinaryTableCommitsBothOrNeither() throws Exception {
        Path dir = UcRuns.fresh("transaction");
        try (UcTestServer server = UcTestServer.start(CatalogTargets.SQLITE, dir)) {
            UcClient client = server.writerClient();
            UcClient.Table table = UcRuns.newTable(dir, "m");
            TableDirectory files = new TableDirectory(Path.of(table.location()));
            client.create(table, UcJson.SCHEMA, UcJson.PARTITIONS).version();
            List<UcJson.Row> seedRows = List.of(new UcJson.Row(1, "seed", "x"));
            assertThat(client.append(table, UcJson.rowsJson(seedRows)).version())
                    .isEqualTo(1);
            String seed = files.parquetFiles().get(0);

            try (Connection c = server.sql();
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('o', '"
                        + dir.resolve("o") + "', '" + ORDINARY_SCHEMA + "')");
                assertThat(CatalogView.registration(c, "o").kind()).isNotEqualTo("catalog-managed");

                // Committed: both tables get a version.
                long size = files.copy(seed, "p=x/tx-1.parquet");
                c.setAutoCommit(false);
                s.executeUpdate(
                        "INSERT INTO \"m$files\"(path, size, p) VALUES ('p=x/tx-1.parquet', " + size + ", 'x')");
                s.executeUpdate("INSERT INTO \"o$files\"(path, size) VALUES ('o-1.parquet', 1)");
                c.commit();
                c.setAutoCommit(true);
                assertThat(CatalogView.versions(c, "m")).containsExactly(0L, 1L, 2L);
                assertThat(CatalogView.versions(c, "o")).containsExactly(0L, 1L);
                assertThat(CatalogView.files(c, "m")).contains("p=x/tx-1.parquet");
                assertThat(CatalogView.files(c, "o")).containsExactly("o-1.parquet");

                // Rolled back: neither.
                long size2 = files.copy(seed, "p=x/tx-2.parquet");
                c.setAutoCommit(false);
                s.executeUpdate(
                        "INSERT INTO \"m$files\"(path, size, p) VALUES ('p=x/tx-2.parquet', " + size2 + ", 'x')");
                s.executeUpdate("INSERT INTO \"o$files\"(path, size) VALUES ('o-2.parquet', 1)");
                c.rollback();
                c.setAutoCommit(true);
                assertThat(CatalogView.versions(c, "m")).containsExactly(0L, 1L, 2L);
                assertThat(CatalogView.versions(c, "o")).containsExactly(0L, 1L);

                // Failed at commit (a concurrent session removed the file this one removes): neither.
                c.setAutoCommit(false);
                s.executeUpdate("DELETE FROM \"m$files\" WHERE path = 'p=x/tx-1.parquet'");
                s.executeUpdate("INSERT INTO \"o$files\"(path, size) VALUES ('o-3.parquet', 1)");
                try (Connection other = server.sql();
                        Statement o = other.createStatement()) {
                    assertThat(o.executeUpdate("DELETE FROM \"m$files\" WHERE path = 'p=x/tx-1.parquet'"))
                            .isEqualTo(1);
                }
                assertThatThrownBy(c::commit)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as("%s", e)
                                .isEqualTo("40001"));
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the failed commit already ended the transaction
                }
                c.setAutoCommit(true);
                assertThat(CatalogView.versions(c, "m"))
                        .as("only the concurrent session's delete")
                        .containsExactly(0L, 1L, 2L, 3L);
                assertThat(CatalogView.versions(c, "o")).containsExactly(0L, 1L);
                assertThat(CatalogView.files(c, "o")).containsExactly("o-1.parquet");

                // Committed again, and Kernel reads the catalog-managed table at that version.
                long size4 = files.copy(seed, "p=x/tx-4.parquet");
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO \"o$files\"(path, size) VALUES ('o-4.parquet', 1)");
                s.executeUpdate(
                        "INSERT INTO \"m$files\"(path, size, p) VALUES ('p=x/tx-4.parquet', " + size4 + ", 'x')");
                c.commit();
                c.setAutoCommit(true);
                assertThat(CatalogView.versions(c, "m")).containsExactly(0L, 1L, 2L, 3L, 4L);
                assertThat(CatalogView.versions(c, "o")).containsExactly(0L, 1L, 2L);
            }

            UcClient.Result latest = client.read(table);
            assertThat(latest.version()).isEqualTo(4);
            List<UcJson.Row> twoCopies = new ArrayList<>(seedRows);
            twoCopies.addAll(seedRows); // the seed file and tx-4 (tx-1 was removed at version 3)
            assertThat(UcJson.rowsOf(latest)).isEqualTo(UcJson.sorted(twoCopies));
            List<UcJson.Row> atTwo = new ArrayList<>(twoCopies); // seed and tx-1
            assertThat(UcJson.rowsOf(client.read(table, 2))).isEqualTo(UcJson.sorted(atTwo));
            assertThat(UcJson.rowsOf(client.read(table, 3))).isEqualTo(seedRows);
        }
    }
}
