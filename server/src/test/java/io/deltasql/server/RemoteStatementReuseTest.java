package io.deltasql.server;

import static io.deltasql.server.LargeResultsTest.requests;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdbc:deltasql:remote:} keeps a closed plain statement's server statement for the next
 * one: a new Statement per query costs one request, not three, and still behaves as a new one.
 */
class RemoteStatementReuseTest {
    @TempDir
    Path dir;

    @Test
    void aStatementPerQueryCostsOneRequestAndBehavesAsANewOne() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--max-statements-per-connection", "2");
                Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url())) {
            for (String t : new String[] {"a", "b"}) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + t + "', '"
                            + dir.resolve(t) + "', '" + Fixtures.SCHEMA + "')");
                }
            }
            String count = "SELECT count(*) FROM delta.tables";
            Statement first = c.createStatement();
            ResultSet open = first.executeQuery(count);
            first.close();
            assertThat(first.isClosed()).isTrue();
            assertThat(open.isClosed())
                    .as("closing a statement closes its results")
                    .isTrue();
            assertThatThrownBy(() -> first.executeQuery(count)).isInstanceOf(SQLException.class);

            long before = requests(server);
            for (int i = 0; i < 5; i++) {
                try (Statement s = c.createStatement()) {
                    assertThat(rows(s, count)).containsExactly("2");
                }
            }
            assertThat(requests(server) - before)
                    .as("requests for five statements of one query each")
                    .isLessThanOrEqualTo(6);

            try (Statement limited = c.createStatement()) {
                limited.setMaxRows(1);
                assertThat(rows(limited, "SELECT name FROM delta.tables")).hasSize(1);
            }
            try (Statement next = c.createStatement()) {
                assertThat(next.getMaxRows())
                        .as("a statement whose settings changed is not reused")
                        .isZero();
                assertThat(rows(next, "SELECT name FROM delta.tables ORDER BY name"))
                        .containsExactly("a", "b");
            }
            // The statement kept for reuse gives way when the server's limit (2 here) is reached.
            try (PreparedStatement p1 = c.prepareStatement(count);
                    PreparedStatement p2 = c.prepareStatement(count)) {
                assertThat(firstColumn(p1.executeQuery())).containsExactly("2");
                assertThat(firstColumn(p2.executeQuery())).containsExactly("2");
            }
            try (Statement after = c.createStatement()) {
                assertThat(rows(after, count)).containsExactly("2");
            }
        }
    }

    @Test
    void aKeptStatementTheServerDroppedMeanwhileIsReplacedOnUse() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--idle-timeout-seconds", "3")) {
            for (int attempt = 1; ; attempt++) {
                try {
                    keptStatementOutlivedByItsConnection(server);
                    return;
                } catch (SQLException e) {
                    // On a loaded machine the connection itself can idle past the short timeout: try again.
                    if (!"08003".equals(e.getSQLState()) || attempt == 5) {
                        throw e;
                    }
                }
            }
        }
    }

    private static void keptStatementOutlivedByItsConnection(ServerProcess server) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url())) {
            String count = "SELECT count(*) FROM delta.tables";
            try (Statement s = c.createStatement()) {
                assertThat(rows(s, count)).containsExactly("0");
            }
            // The connection stays in use (preparing touches it on the server) while its kept
            // statement idles past the server's expiry.
            for (int i = 0; i < 10; i++) {
                try (PreparedStatement keepAlive = c.prepareStatement(count)) {
                    assertThat(firstColumn(keepAlive.executeQuery())).containsExactly("0");
                }
                Thread.sleep(500);
            }
            try (Statement s = c.createStatement()) {
                assertThat(rows(s, count)).containsExactly("0");
            }
        }
    }

    private static List<String> firstColumn(ResultSet results) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = results) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
