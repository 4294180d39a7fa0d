package io.deltasql.server;

import static io.deltasql.server.RemoteSqlTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One client asking for too much — a huge request, a huge result, a runaway query — or sending
 * garbage gets a clear error naming the limit (and no library internals), and the server goes on
 * serving everybody else.
 */
class StatementLimitsTest {
    @TempDir
    Path dir;

    private void createTable(Statement s, int files) throws SQLException {
        s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '" + dir.resolve("t")
                + "', '" + Fixtures.SCHEMA + "')");
        StringBuilder insert = new StringBuilder("INSERT INTO \"t$files\"(path, size) VALUES ");
        for (int i = 0; i < files; i++) {
            insert.append(i == 0 ? "" : ", ")
                    .append("('part-")
                    .append(i)
                    .append("-")
                    .append("x".repeat(40))
                    .append(".parquet', 1)");
        }
        s.executeUpdate(insert.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"protobuf", "json"})
    void malformedRequestsGetAShortErrorWithoutLibraryInternals(String serialization) throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--serialization", serialization)) {
            RawAvatica client = new RawAvatica(server.url(), serialization, "any", "any");
            for (String body : new String[] {
                "{not json",
                "{\"request\":\"noSuchRequest\"}",
                "\u0001\u0002garbage\u00ff",
                "{\"request\":\"openConnection\",\"connectionId\":[1,2]}"
            }) {
                byte[] reply =
                        client.post(body.getBytes(StandardCharsets.UTF_8)).body();
                String text = new String(reply, StandardCharsets.ISO_8859_1);
                assertThat(text)
                        .as(body)
                        .doesNotContainIgnoringCase("jackson")
                        .doesNotContainIgnoringCase("protobuf.")
                        .doesNotContain("Exception")
                        .doesNotContain("at org.")
                        .doesNotContain("at com.");
                Service.ErrorResponse error = (Service.ErrorResponse) client.decode(reply);
                assertThat(error.sqlState).as(body).isEqualTo("08P01");
                assertThat(error.errorMessage)
                        .as(body)
                        .containsAnyOf("not a well-formed Avatica", "names no connection id");
            }
            assertThat(server.output()).contains("request refused as malformed");
            try (Connection c = RemoteSqlTest.avatica(server, serialization);
                    Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT count(*) FROM delta.tables")).containsExactly("0");
            }
        }
    }

    @Test
    void aRequestOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--max-request-bytes", "20000");
                Connection c = RemoteSqlTest.avatica(server, "protobuf");
                Statement s = c.createStatement()) {
            createTable(s, 10);
            StringBuilder big = new StringBuilder("INSERT INTO \"t$files\"(path, size) VALUES ('big-0', 1)");
            for (int i = 1; i < 3000; i++) {
                big.append(", ('big-").append(i).append("', 1)");
            }
            assertThatThrownBy(() -> s.executeUpdate(big.toString()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("limit of 20000 bytes")
                    .hasMessageContaining("--max-request-bytes")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
            assertThat(rows(s, "SELECT count(*), max(version) FROM delta.tables"))
                    .containsExactly("1 | 1");
        }
    }

    @Test
    void aResultOverTheLimitEndsWithAnErrorAndOthersGoOn() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server =
                        ServerProcess.start(cat.jdbcUrl(), "--max-result-bytes", "200000", "--frame-rows", "100");
                Connection greedy = RemoteSqlTest.deltasqlRemote(server, "protobuf");
                Statement g = greedy.createStatement();
                Connection other = RemoteSqlTest.deltasqlRemote(server, "protobuf");
                Statement o = other.createStatement()) {
            createTable(g, 300);
            // 300 x 300 rows of two 50-character paths: about 9 MB, far over 200 KB.
            assertThatThrownBy(() -> {
                        try (ResultSet rs = g.executeQuery("SELECT a.path, b.path FROM \"t$files\" a, \"t$files\" b")) {
                            while (rs.next()) {
                                assertThat(rs.getString(1)).isNotNull();
                            }
                        }
                    })
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("limit of 200000 bytes")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("54000"));
            assertThat(rows(o, "SELECT count(*) FROM \"t$files\"")).containsExactly("300");
            assertThat(rows(g, "SELECT count(*) FROM \"t$files\"")).containsExactly("300");
            assertThat(server.output()).contains("passed the limit of 200000 bytes");
        }
    }

    @Test
    void aQueryOverTheTimeLimitIsCancelledAndOthersGoOn() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--query-timeout-seconds", "1");
                Connection runaway = RemoteSqlTest.deltasqlRemote(server, "protobuf");
                Statement r = runaway.createStatement();
                Connection other = RemoteSqlTest.deltasqlRemote(server, "protobuf");
                Statement o = other.createStatement()) {
            createTable(r, 400);
            // 64 million rows: far more than one second of the server's time.
            assertThatThrownBy(() -> {
                        try (ResultSet rs = r.executeQuery(
                                "SELECT a.path, b.path, c.path FROM \"t$files\" a, \"t$files\" b, \"t$files\" c")) {
                            while (rs.next()) {
                                assertThat(rs.getString(1)).isNotNull();
                            }
                        }
                    })
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("--query-timeout-seconds")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(rows(o, "SELECT count(*) FROM \"t$files\"")).containsExactly("400");
            try (Statement again = runaway.createStatement()) {
                assertThat(rows(again, "SELECT count(*) FROM \"t$files\"")).containsExactly("400");
            }
            assertThat(server.output()).contains("ran longer than the server's limit of 1 s");
        }
    }
}
