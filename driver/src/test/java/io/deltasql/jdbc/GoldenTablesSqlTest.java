package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.GoldenTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Delta golden tables, imported into one catalog and read back through SQL: at every version
 * Delta Kernel reconstructs (expected.json), {@code delta.files(t, v)} lists the same files with
 * the same sizes, and the latest version's {@code t$files}, {@code delta.tables} and
 * {@code t$history} agree with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenTablesSqlTest {
    private CatalogTarget.TestCatalog catalog;
    private Connection connection;

    static Stream<String> tables() throws IOException {
        Path root = GoldenTables.requireRoot();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs
                    .filter(p -> Files.isRegularFile(p.resolve("expected.json")))
                    .filter(GoldenTablesSqlTest::readable)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static boolean readable(Path table) {
        try {
            return !ActionCodec.mapper()
                    .readTree(table.resolve("expected.json").toFile())
                    .hasNonNull("error");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void importAll() throws Exception {
        catalog = CatalogTargets.SQLITE.create();
        try (DeltaCatalog c = catalog.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(c);
            for (String name : tables().toList()) {
                importer.importTable(GoldenTables.requireRoot().resolve(name), name, ImportProgress.NONE);
            }
        }
        Properties settings = new Properties();
        settings.setProperty("mirror", "false"); // the golden tables are read in place, never written
        connection = DriverManager.getConnection(SqlTesting.url(catalog), settings);
    }

    @AfterAll
    void close() throws Exception {
        connection.close();
        catalog.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void everyVersionThroughSql(String table) throws Exception {
        JsonNode expected = ActionCodec.mapper()
                .readTree(GoldenTables.requireRoot()
                        .resolve(table)
                        .resolve("expected.json")
                        .toFile());
        long latest = expected.path("latestVersion").asLong();
        List<String> problems = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            Iterator<Map.Entry<String, JsonNode>> versions =
                    expected.path("versions").fields();
            while (versions.hasNext()) {
                Map.Entry<String, JsonNode> v = versions.next();
                if (v.getValue().hasNonNull("error")) {
                    continue;
                }
                // The time-travel functions take literals: the table name decides the columns.
                TreeMap<String, Long> got = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT path, size FROM TABLE(delta.files('"
                        + table.replace("'", "''") + "', " + v.getKey() + "))")) {
                    while (rs.next()) {
                        got.put(rs.getString(1), rs.getLong(2));
                    }
                }
                TreeMap<String, Long> want = expectedFiles(v.getValue());
                if (!sameFiles(got, want)) {
                    problems.add("version " + v.getKey() + ": got " + got + ", Kernel " + want);
                }
            }
        }
        assertThat(problems).isEmpty();

        try (Statement s = connection.createStatement()) {
            String quoted = "\"" + table + "$files\"";
            JsonNode last = expected.path("versions").path(String.valueOf(latest));
            if (!last.isMissingNode() && !last.hasNonNull("error")) {
                assertThat(SqlTesting.count(s, "SELECT count(*) FROM " + quoted))
                        .isEqualTo(last.path("files").size());
            }
            assertThat(SqlTesting.rows(s, "SELECT version FROM delta.tables WHERE name = '" + table + "'"))
                    .containsExactly(List.of(latest));
            assertThat(SqlTesting.count(s, "SELECT max(version) FROM \"" + table + "$history\""))
                    .isEqualTo(latest);
        }
    }

    private static TreeMap<String, Long> expectedFiles(JsonNode version) {
        TreeMap<String, Long> files = new TreeMap<>();
        for (JsonNode f : version.path("files")) {
            files.put(f.path("path").asText(), f.path("size").asLong());
        }
        return files;
    }

    /** Kernel reports paths percent-decoded; the log (and so SQL) keeps them as written. */
    private static boolean sameFiles(TreeMap<String, Long> got, TreeMap<String, Long> want) {
        TreeMap<String, Long> decoded = new TreeMap<>();
        got.forEach((p, size) -> decoded.put(decode(p), size));
        return decoded.equals(want);
    }

    private static String decode(String path) {
        try {
            return new URI(path).getPath() != null && !path.contains(":") ? new URI(path).getPath() : path;
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
