package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote client cannot make the server write where it likes: without {@code --allowed-locations}
 * every table location is refused, with it only those under the prefixes, and files must stay in
 * their table's directory. Refusals reach the client with their SQLState and change nothing.
 */
class RemoteLocationsTest {
    @TempDir
    Path dir;

    private static String create(String name, String location) {
        return "INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + name + "', '" + location + "', '"
                + Fixtures.SCHEMA + "')";
    }

    private void refused(CatalogTarget.TestCatalog cat, Statement s, String sql, String sqlState, String fragment)
            throws IOException {
        String before = CatalogDump.of(cat.jdbcUrl());
        List<String> logsBefore = logFiles();
        assertThatThrownBy(() -> s.executeUpdate(sql))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(fragment)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo(sqlState);
        assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
        assertThat(logFiles()).isEqualTo(logsBefore);
    }

    private List<String> logFiles() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(
                            p -> p.toString().endsWith(".json") && p.getParent().endsWith("_delta_log"))
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void withoutAllowedLocationsEveryLocationIsRefused() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.startExactly(cat.jdbcUrl());
                Connection c = RemoteSqlTest.deltasqlRemote(server, "protobuf");
                Statement s = c.createStatement()) {
            refused(cat, s, create("t", dir.resolve("t").toString()), "42501", "--allowed-locations");
            assertThat(Files.exists(dir.resolve("t"))).isFalse();
        }
    }

    @Test
    void onlyAllowedLocationsAndFilesInsideTheTable() throws Exception {
        Path lake = dir.resolve("lake");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(), "--allowed-locations", lake + ",file:" + dir.resolve("srv"));
                Connection c = RemoteSqlTest.avatica(server, "protobuf");
                Statement s = c.createStatement()) {
            s.executeUpdate(create("t", lake.resolve("t").toString()));
            s.executeUpdate(create("u", "file://" + dir.resolve("srv/u")));
            s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('a.parquet', 10)");
            refused(
                    cat,
                    s,
                    create("next", dir.resolve("lakehouse/next").toString()),
                    "42501",
                    "outside the allowed locations");
            refused(cat, s, create("up", lake + "/../up"), "22023", "'..'");
            refused(cat, s, create("inner", lake.resolve("t/inner").toString()), "22023", "'t'");
            refused(
                    cat,
                    s,
                    "INSERT INTO \"t$files\"(path, size) VALUES ('../escape.parquet', 10)",
                    "22023",
                    "climbs out");
            refused(cat, s, "INSERT INTO \"t$files\"(path, size) VALUES ('file:/etc/passwd', 10)", "22023", "outside");
            s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('file:" + dir.resolve("srv/shared.parquet")
                    + "', 10)");
            assertThat(RemoteSqlTest.rows(s, "SELECT name, version FROM delta.tables ORDER BY name"))
                    .containsExactly("t | 2", "u | 0");
        }
    }
}
