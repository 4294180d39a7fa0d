package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server in its own process: remote clients (Avatica's stock driver and
 * {@code jdbc:deltasql:remote:}) query, travel in time and commit, with results identical to the
 * local driver's; conflicts reach them as SQLState 40001.
 */
class RemoteSqlTest {
    @TempDir
    Path dir;

    static Connection avatica(ServerProcess server, String serialization) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:avatica:remote:url=" + server.url() + ";serialization=" + serialization);
    }

    static Connection deltasqlRemote(ServerProcess server, String serialization) throws SQLException {
        Properties p = new Properties();
        p.setProperty("serialization", serialization);
        return DriverManager.getConnection("jdbc:deltasql:remote:" + server.url(), p);
    }

    static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"protobuf", "json"})
    void remoteClientsDoWhatLocalOnesDo(String serialization) throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--serialization", serialization)) {
            try (Connection c = avatica(server, serialization);
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('events', '"
                                + dir.resolve("events") + "', '" + Fixtures.SCHEMA + "', '[\"region\"]')");
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('audit', '"
                        + dir.resolve("audit") + "', '" + Fixtures.SCHEMA + "')");
                assertThat(
                                s.executeUpdate(
                                        "INSERT INTO \"events$files\"(path, size, region) VALUES ('a', 10, 'eu'), ('b', 20, 'us')"))
                        .isEqualTo(2);
                c.setAutoCommit(false);
                s.executeUpdate("DELETE FROM \"events$files\" WHERE path = 'a'");
                s.executeUpdate("INSERT INTO \"audit$files\"(path, size) VALUES ('deleted-a', 1)");
                assertThat(rows(s, "SELECT path FROM \"events$files\"")).containsExactly("b");
                c.commit();
                c.setAutoCommit(true);
            }
            try (Connection c = deltasqlRemote(server, serialization);
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO \"events$files\"(path, size, region) VALUES ('c', 30, 'eu')");
            }
            List<String> queries = List.of(
                    "SELECT name, version, num_files, size_bytes FROM delta.tables ORDER BY name",
                    "SELECT path, size, region FROM \"events$files\" ORDER BY path",
                    "SELECT version, operation, num_added_files, num_removed_files FROM \"events$history\" ORDER BY version",
                    "SELECT path FROM TABLE(delta.files('events', 1)) ORDER BY path",
                    "SELECT region, count(*) FROM \"events$files\" GROUP BY region ORDER BY region",
                    "SELECT version, action, path FROM \"events$changes\" ORDER BY version, path",
                    "SELECT h.version, a.version FROM \"events$history\" h JOIN \"audit$history\" a ON h.\"timestamp\" = a.\"timestamp\"");
            try (Connection local = DriverManager.getConnection(
                            "jdbc:deltasql:" + cat.jdbcUrl().substring(5));
                    Connection remote = avatica(server, serialization);
                    Connection remote2 = deltasqlRemote(server, serialization);
                    Statement l = local.createStatement();
                    Statement r = remote.createStatement();
                    Statement r2 = remote2.createStatement()) {
                for (String q : queries) {
                    List<String> expected = rows(l, q);
                    assertThat(rows(r, q)).as(q).isEqualTo(expected);
                    assertThat(rows(r2, q)).as(q).isEqualTo(expected);
                }
                assertThat(rows(l, "SELECT path FROM \"events$files\" ORDER BY path"))
                        .containsExactly("b", "c");
                assertThat(rows(
                                l,
                                "SELECT h.version, a.version FROM \"events$history\" h JOIN \"audit$history\" a"
                                        + " ON h.\"timestamp\" = a.\"timestamp\""))
                        .as("one atomic commit over both tables")
                        .contains("2 | 1");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"avatica", "deltasql-remote"})
    void conflictsAndBlindAppendsBetweenRemoteClients(String client) throws Exception {
        boolean stock = client.equals("avatica");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.EMBEDDED_POSTGRES.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl());
                Connection a = stock ? avatica(server, "protobuf") : deltasqlRemote(server, "protobuf");
                Connection b = stock ? avatica(server, "protobuf") : deltasqlRemote(server, "protobuf");
                Statement sa = a.createStatement();
                Statement sb = b.createStatement()) {
            sa.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '" + dir.resolve("t")
                    + "', '" + Fixtures.SCHEMA + "')");
            sa.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('shared', 1)");

            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.executeUpdate("DELETE FROM \"t$files\" WHERE path = 'shared'");
            sb.executeUpdate("DELETE FROM \"t$files\" WHERE path = 'shared'");
            b.commit();
            // Avatica's own client raises a failed commit as a runtime exception; it still carries the SQLState.
            assertThatThrownBy(a::commit)
                    .hasMessageContaining("shared")
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("40001"))
                    .satisfies(e -> {
                        if (!stock) {
                            assertThat(e).isInstanceOf(SQLTransactionRollbackException.class);
                        }
                    });
            assertThat(rows(sb, "SELECT version FROM \"t$history\" ORDER BY version"))
                    .containsExactly("0", "1", "2");

            sa.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('from-a', 1)");
            sb.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('from-b', 1)");
            a.commit();
            b.commit();
            assertThat(rows(sa, "SELECT path FROM \"t$files\" ORDER BY path")).containsExactly("from-a", "from-b");
            assertThat(rows(sa, "SELECT version FROM \"t$history\" ORDER BY version"))
                    .containsExactly("0", "1", "2", "3", "4");

            // Other SQLStates travel too.
            a.setAutoCommit(true);
            assertThatThrownBy(() -> sa.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('n', -1)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("size")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
            assertThatThrownBy(() -> sa.executeQuery("SELECT * FROM \"nope$files\""))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
        }
    }

    static String sqlState(Throwable e) {
        if (e instanceof SQLException s) {
            return s.getSQLState();
        }
        if (e instanceof AvaticaClientRuntimeException r) {
            return r.getSqlState();
        }
        return null;
    }

    @Test
    void largeResultsArePagedToRemoteClients() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            int files = 30_000;
            try (DeltaCatalog catalog = cat.open()) {
                catalog.createTable(Fixtures.table("big"));
                List<Action> adds = new ArrayList<>();
                for (int i = 0; i < files; i++) {
                    adds.add(Fixtures.add("part-" + i + ".parquet"));
                }
                catalog.commit(CommitRequest.builder("big", 0).addAll(adds).build());
            }
            try (ServerProcess server = ServerProcess.start(cat.jdbcUrl());
                    Connection c = avatica(server, "protobuf");
                    Statement s = c.createStatement()) {
                s.setFetchSize(1_000);
                long n = 0;
                try (ResultSet rs = s.executeQuery("SELECT path, size FROM \"big$files\"")) {
                    while (rs.next()) {
                        n++;
                    }
                }
                assertThat(n).isEqualTo(files);
            }
        }
    }
}
