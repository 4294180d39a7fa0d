package io.deltasql.server;

import static io.deltasql.server.RemoteSqlTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-client limits of the server: connections per user, statements per connection, idle expiry. */
class ClientLimitsTest {
    @TempDir
    Path dir;

    private static Connection connect(ServerProcess server) throws SQLException {
        return DriverManager.getConnection("jdbc:deltasql:remote:" + server.url());
    }

    private static void assertState(ThrowingCall call, String state, String inMessage) {
        assertThatThrownBy(call::run).isInstanceOf(SQLException.class).satisfies(e -> {
            assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(state);
            assertThat(e.getMessage()).contains(inMessage);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void connectionsAndStatementsAreLimitedAndIdleConnectionsExpireWithTheirStagedWork() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
             ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--max-connections-per-user", "2",
                     "--max-statements-per-connection", "3", "--idle-timeout-seconds", "8")) {
            Connection first = connect(server);
            try (Statement s = first.createStatement()) {
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '" + dir.resolve("t")
                        + "', '" + Fixtures.SCHEMA + "')");
            }
            Connection abandoned = connect(server);
            abandoned.setAutoCommit(false);
            Statement staging = abandoned.createStatement();
            staging.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('staged', 1)");

            try (Statement touch = first.createStatement()) {
                // Keeps the first connection from expiring (8 s idle) while the second was busy.
                assertThat(rows(touch, "SELECT count(*) FROM delta.tables")).containsExactly("1");
            }
            assertState(() -> connect(server), "53300", "too many connections");

            List<Statement> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(first.createStatement());
            }
            assertState(first::createStatement, "53300", "too many open statements");
            open.remove(0).close();
            try (Statement again = first.createStatement()) {
                assertThat(rows(again, "SELECT count(*) FROM \"t$files\"")).containsExactly("0");
            }
            for (Statement s : open) {
                s.close();
            }
            first.close();

            // The abandoned connection is neither used nor closed: it expires, and its transaction with it.
            TimeUnit.SECONDS.sleep(10);
            try (Connection a = connect(server); Connection b = connect(server); Statement s = b.createStatement()) {
                assertThat(rows(s, "SELECT count(*) FROM \"t$files\"")).containsExactly("0");
                assertThat(rows(s, "SELECT version FROM delta.tables")).containsExactly("0");
            }
            assertThatThrownBy(abandoned::commit).isInstanceOf(SQLException.class)
                    .hasMessageContaining("expired").hasMessageContaining("uncommitted work was discarded")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("08003"));
            try (Connection check = connect(server); Statement s = check.createStatement()) {
                assertThat(rows(s, "SELECT path FROM \"t$files\"")).as("the expired transaction committed nothing").isEmpty();
            }
        }
    }
}
