package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.jdbc.DeltaSqlDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large result read through the server arrives whole and exact, in frames of the server's
 * {@code --frame-rows} (or a client's larger fetch size): a few requests, not one per 100 rows.
 */
class LargeResultsTest {
    private static final int FILES = 25_000;
    private static final Pattern REQUESTS = Pattern.compile("(?m)^deltasql_requests_seconds_count\\S* (\\S+)$");

    @TempDir
    Path dir;

    private CatalogTarget.TestCatalog catalog;
    private final Map<String, Long> expected = new HashMap<>();

    @BeforeEach
    void bigTable() throws Exception {
        catalog = CatalogTargets.SQLITE.create();
        DeltaSqlDriver.load();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:deltasql:" + catalog.jdbcUrl().substring("jdbc:".length()));
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('big', '"
                            + dir.resolve("big") + "', '" + Fixtures.SCHEMA + "', '[\"region\"]')");
            // 50 x 50 x 10 numbers from three small VALUES lists: one INSERT, one commit.
            String fifty = String.join(
                    ", ", IntStream.range(0, 50).mapToObj(i -> "(" + i + ")").toList());
            String ten = String.join(
                    ", ", IntStream.range(0, 10).mapToObj(i -> "(" + i + ")").toList());
            String n = "(a.x * 500 + b.y * 10 + c.z)";
            s.executeUpdate("INSERT INTO \"big$files\"(path, size, region) SELECT 'region=r' || CAST(MOD(" + n
                    + ", 7) AS VARCHAR)"
                    + " || '/part-' || CAST(" + n + " AS VARCHAR) || '.parquet', 1000 + " + n + ", 'r' || CAST(MOD(" + n
                    + ", 7) AS VARCHAR)"
                    + " FROM (VALUES " + fifty + ") AS a(x), (VALUES " + fifty + ") AS b(y), (VALUES " + ten
                    + ") AS c(z)");
            for (int i = 0; i < FILES; i++) {
                expected.put("region=r" + (i % 7) + "/part-" + i + ".parquet", 1_000L + i);
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Test
    void defaultFramesCarryTenThousandRowsEachForEveryClient() throws Exception {
        try (ServerProcess server = ServerProcess.start(catalog.jdbcUrl())) {
            try (Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url())) {
                assertEveryFileReadIn(server, c, 4);
            }
            // Avatica's stock client asks for 100 rows a frame; the server sends its own frame size.
            try (Connection c = DriverManager.getConnection(
                    "jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf")) {
                assertEveryFileReadIn(server, c, 4);
            }
        }
    }

    @Test
    void framesFollowTheServerSettingAndALargerFetchSize() throws Exception {
        try (ServerProcess server =
                ServerProcess.start(catalog.jdbcUrl(), "--frame-rows", "1000", "--serialization", "json")) {
            Properties small = new Properties();
            small.setProperty("serialization", "json");
            small.setProperty("fetchSize", "3");
            try (Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url(), small)) {
                assertEveryFileReadIn(server, c, 27);
            }
            Properties large = new Properties();
            large.setProperty("serialization", "json");
            large.setProperty("fetchSize", "20000");
            try (Connection c = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url(), large)) {
                assertEveryFileReadIn(server, c, 4);
            }
        }
    }

    /** Reads every file with a prepared statement and with a plain one; each read takes at most {@code maxRequests}. */
    private void assertEveryFileReadIn(ServerProcess server, Connection c, int maxRequests) throws Exception {
        String sql = "SELECT path, size FROM \"big$files\"";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            long before = requests(server);
            Map<String, Long> read = read(ps.executeQuery());
            long used = requests(server) - before;
            assertThat(read).isEqualTo(expected);
            assertThat(used).as("requests to read %d rows", FILES).isBetween(2L, (long) maxRequests);
        }
        try (Statement s = c.createStatement()) {
            assertThat(read(s.executeQuery(sql))).isEqualTo(expected);
            Map<String, Long> eu = read(s.executeQuery(sql + " WHERE region = 'r3'"));
            assertThat(eu)
                    .hasSize(FILES / 7)
                    .allSatisfy((path, size) -> assertThat(expected).containsEntry(path, size));
        }
    }

    private static Map<String, Long> read(ResultSet results) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (ResultSet rs = results) {
            while (rs.next()) {
                assertThat(rows.put(rs.getString(1), rs.getLong(2)))
                        .as("row read twice: %s", rs.getString(1))
                        .isNull();
            }
        }
        return rows;
    }

    /** Requests the server has served so far, from its {@code /metrics}. */
    static long requests(ServerProcess server) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher m = REQUESTS.matcher(metrics.body());
        assertThat(m.find()).as("request count in /metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
