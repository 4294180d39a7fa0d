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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    /**
     * A connection with one staged, uncommitted file. On a loaded machine a statement can outlast
     * the short idle timeout, expiring the connection before anything is staged: then try again.
     */
    private static Connection stageOneFile(ServerProcess server) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Connection c = connect(server);
            try {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('staged', 1)");
                }
                return c;
            } catch (SQLException e) {
                if (!"08003".equals(e.getSQLState()) || attempt == 10) {
                    throw e;
                }
            }
        }
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
    void connectionsPerUserAndStatementsPerConnectionAreLimited() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(), "--max-connections-per-user", "2", "--max-statements-per-connection", "3")) {
            try (Connection first = connect(server);
                    Connection second = connect(server)) {
                assertState(() -> connect(server), "53300", "too many connections");
                List<Statement> open = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    open.add(first.createStatement());
                }
                assertState(first::createStatement, "53300", "too many open statements");
                open.remove(0).close();
                try (Statement again = first.createStatement()) {
                    assertThat(rows(again, "SELECT count(*) FROM delta.tables")).containsExactly("0");
                }
                for (Statement s : open) {
                    s.close();
                }
                try (Statement other = second.createStatement()) {
                    assertThat(rows(other, "SELECT count(*) FROM delta.tables"))
                            .as("the limit is per connection")
                            .containsExactly("0");
                }
            }
            // Closed connections no longer count: two fresh ones fit the limit again.
            try (Connection afterClose = connect(server);
                    Connection another = connect(server);
                    Statement a = afterClose.createStatement();
                    Statement b = another.createStatement()) {
                assertThat(rows(a, "SELECT count(*) FROM delta.tables")).containsExactly("0");
                assertThat(rows(b, "SELECT count(*) FROM delta.tables")).containsExactly("0");
            }
        }
    }

    @Test
    void anAbandonedConnectionExpiresWithItsStagedWorkAndCannotBeRevived() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(), "--max-connections-per-user", "1", "--idle-timeout-seconds", "5")) {
            try (Connection setup = connect(server);
                    Statement s = setup.createStatement()) {
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '"
                        + dir.resolve("t") + "', '" + Fixtures.SCHEMA + "')");
            }
            Connection abandoned = stageOneFile(server);

            // Neither used nor closed: once it expires, its one connection slot is free again.
            Connection fresh = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (fresh == null) {
                try {
                    fresh = connect(server);
                } catch (SQLException stillHeld) {
                    assertThat(stillHeld.getSQLState()).isEqualTo("53300");
                    assertThat(System.nanoTime())
                            .as("the abandoned connection expires")
                            .isLessThan(deadline);
                    TimeUnit.MILLISECONDS.sleep(250);
                }
            }
            try (Connection check = fresh;
                    Statement s = check.createStatement()) {
                assertThat(rows(s, "SELECT version FROM delta.tables")).containsExactly("0");
                assertThat(rows(s, "SELECT count(*) FROM \"t$files\"")).containsExactly("0");
            }
            assertThatThrownBy(abandoned::commit)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("expired")
                    .hasMessageContaining("uncommitted work was discarded")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                            .as(e.getMessage())
                            .isEqualTo("08003"));
            try (Connection check = connect(server);
                    Statement s = check.createStatement()) {
                assertThat(rows(s, "SELECT path FROM \"t$files\""))
                        .as("the expired transaction committed nothing")
                        .isEmpty();
                assertThat(rows(s, "SELECT version FROM delta.tables")).containsExactly("0");
            }
        }
    }

    @Test
    void aConnectionInUseOnlyThroughAPreparedStatementDoesNotExpire() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--idle-timeout-seconds", "2");
                Connection c = connect(server);
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM delta.tables")) {
            // Executions every half second for three times the idle timeout: each one is use.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            int executions = 0;
            while (System.nanoTime() < end) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                }
                executions++;
                TimeUnit.MILLISECONDS.sleep(500);
            }
            assertThat(executions).isGreaterThan(6);
        }
    }
}
