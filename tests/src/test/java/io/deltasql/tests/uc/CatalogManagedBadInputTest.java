package io.deltasql.tests.uc;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 6: the unmodified UC client with a reader's token, an unknown table id and a wrong token
 * fails, and leaves the catalog and the published {@code _delta_log} as they were.
 */
class CatalogManagedBadInputTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void refusedRequestsChangeNothing() throws Exception {
        Path dir = UcRuns.fresh("bad-input");
        try (UcTestServer server = UcTestServer.start(CatalogTargets.SQLITE, dir)) {
            UcClient alice = server.writerClient();
            UcClient.Table table = UcRuns.newTable(dir, "events");
            TableDirectory files = new TableDirectory(Path.of(table.location()));
            alice.create(table, UcJson.SCHEMA, UcJson.PARTITIONS).version();
            List<UcJson.Row> rows = UcJson.rows(1, 2, "a");
            assertThat(alice.append(table, UcJson.rowsJson(rows)).version()).isEqualTo(1);
            State before = State.of(server, files);

            // A reader may read but not commit.
            UcClient bob = server.client(server.readerToken(), "bob");
            assertThat(UcJson.rowsOf(bob.read(table))).isEqualTo(UcJson.sorted(rows));
            UcClient.Result refused =
                    bob.append(table, UcJson.rowsJson(UcJson.rows(10, 2, "bob")), "--max-retries", "0");
            assertThat(refused.exitCode())
                    .as("bob's append: %s", refused.json())
                    .isNotZero();
            assertThat(refused.json().toString()).containsAnyOf("403", "PERMISSION_DENIED", "reader role");
            assertThat(State.of(server, files)).as("after bob's append").isEqualTo(before);

            // An unknown table id: not found, nothing created.
            Path ghostLocation = dir.resolve("ghost");
            UcClient.Table ghost = new UcClient.Table(
                    UUID.randomUUID().toString(), ghostLocation.toString(), UcRuns.fullName("ghost"));
            UcClient.Result unknown = alice.read(ghost);
            assertThat(unknown.exitCode())
                    .as("read of an unknown table: %s", unknown.json())
                    .isEqualTo(1);
            assertThat(unknown.json().toString())
                    .contains("Invalid Target Table")
                    .contains("404");
            assertThat(Files.exists(ghostLocation)).isFalse();
            // The right location with an unknown id is not the table either.
            UcClient.Result wrongId =
                    alice.read(new UcClient.Table(UUID.randomUUID().toString(), table.location(), table.name()));
            assertThat(wrongId.exitCode()).isEqualTo(1);
            assertThat(wrongId.json().toString()).contains("Invalid Target Table");
            assertThat(State.of(server, files)).as("after unknown ids").isEqualTo(before);

            // A wrong token: refused for reading and for committing.
            UcClient stranger =
                    server.client("dsql_" + UUID.randomUUID().toString().replace("-", ""), "stranger");
            UcClient.Result read = stranger.read(table);
            assertThat(read.exitCode())
                    .as("read with a wrong token: %s", read.json())
                    .isNotZero();
            assertThat(read.json().toString()).contains("401");
            UcClient.Result append =
                    stranger.append(table, UcJson.rowsJson(UcJson.rows(20, 2, "x")), "--max-retries", "0");
            assertThat(append.exitCode())
                    .as("append with a wrong token: %s", append.json())
                    .isNotZero();
            assertThat(State.of(server, files)).as("after the wrong token").isEqualTo(before);

            // Still usable afterwards.
            assertThat(alice.append(table, UcJson.rowsJson(UcJson.rows(30, 2, "b")))
                            .version())
                    .isEqualTo(2);
        }
    }

    /** What the refused requests must not change: the tables, the table's history and its published log. */
    private record State(List<String> tables, List<String> history, List<String> files, List<String> log) {
        static State of(UcTestServer server, TableDirectory dir) throws Exception {
            try (Connection c = server.sql()) {
                return new State(
                        CatalogView.tableNames(c),
                        CatalogView.history(c, "events"),
                        CatalogView.files(c, "events"),
                        dir.logListing());
            }
        }
    }
}
