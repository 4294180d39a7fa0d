package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DatabaseMetaData} the same through the local driver, {@code jdbc:deltasql:remote:} and
 * the stock Avatica client (in a class loader of its own, as a tool loads it), method by method,
 * apart from the answers that client computes itself; and every method answers.
 */
class MetadataAcrossClientsTest {
    /**
     * Answers the stock Avatica client computes itself, never asking the server (docs/SERVER.md lists
     * them): its own name and version; identifier case from defaults no connection property changes
     * (upper case, as Calcite's default); constants for transactions, result visibility and
     * holdability (its "todo: implement this method" for the ten visibility and holdability
     * methods); and no calls for functions in Avatica's protocol (empty results).
     */
    static final Set<String> STOCK_CLIENT_COMPUTES = Set.of(
            "getDatabaseProductName[]",
            "getDatabaseProductVersion[]",
            "getDatabaseMinorVersion[]",
            "getDriverName[]",
            "getDriverVersion[]",
            "getDriverMinorVersion[]",
            "storesLowerCaseIdentifiers[]",
            "storesUpperCaseIdentifiers[]",
            "storesMixedCaseQuotedIdentifiers[]",
            "supportsMixedCaseQuotedIdentifiers[]",
            "supportsTransactions[]",
            "supportsMultipleTransactions[]",
            "supportsTransactionIsolationLevel[int]",
            "dataDefinitionCausesTransactionCommit[]",
            "supportsOpenCursorsAcrossCommit[]",
            "supportsOpenStatementsAcrossCommit[]",
            "isReadOnly[]",
            "locatorsUpdateCopy[]",
            "supportsStoredFunctionsUsingCallSyntax[]",
            "supportsResultSetHoldability[int]",
            "ownUpdatesAreVisible[int]",
            "ownDeletesAreVisible[int]",
            "ownInsertsAreVisible[int]",
            "othersUpdatesAreVisible[int]",
            "othersDeletesAreVisible[int]",
            "othersInsertsAreVisible[int]",
            "updatesAreDetected[int]",
            "deletesAreDetected[int]",
            "insertsAreDetected[int]",
            "getFunctions[String, String, String]",
            "getFunctionColumns[String, String, String, String]");

    /** Answers that describe the connection rather than the database. */
    static final Set<String> PER_CONNECTION = Set.of("getURL[]");

    @TempDir
    static Path dir;

    private static CatalogTarget.TestCatalog catalog;
    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        catalog = CatalogTargets.SQLITE.create();
        try (Connection c = local();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('events', '"
                            + dir.resolve("events") + "', '" + Fixtures.SCHEMA + "', '[\"region\"]')");
        }
        server = ServerProcess.start(catalog.jdbcUrl());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    private static Connection local() throws Exception {
        return DriverManager.getConnection("jdbc:deltasql:" + catalog.jdbcUrl().substring("jdbc:".length()));
    }

    private static Connection deltasqlRemote() throws Exception {
        return DriverManager.getConnection("jdbc:deltasql:remote:" + server.url());
    }

    @Test
    void everyMethodAnswersLocallyAndRemotely() throws Exception {
        Map<String, String> local;
        Map<String, String> remote;
        try (Connection c = local()) {
            local = MetaDataAnswers.of(c, "events$files");
        }
        try (Connection c = deltasqlRemote()) {
            remote = MetaDataAnswers.of(c, "events$files");
        }
        for (Map<String, String> answers : List.of(local, remote)) {
            assertThat(answers).hasSize(DatabaseMetaData.class.getMethods().length);
            answers.forEach((method, answer) -> {
                assertThat(answer).as(method).doesNotContain("XX000", "todo");
                if (answer.startsWith("throws ")) {
                    assertThat(answer).as(method).startsWith("throws SQLFeatureNotSupportedException");
                }
            });
        }
        assertThat(differences(local, remote, PER_CONNECTION)).isEmpty();
    }

    @Test
    void theStockAvaticaClientAgreesApartFromWhatItComputesItself() throws Exception {
        Map<String, String> local;
        Map<String, String> stock;
        try (Connection c = local()) {
            local = MetaDataAnswers.of(c, "events$files");
        }
        try (URLClassLoader loader = stockClientLoader()) {
            Driver driver = stockDriver(loader);
            try (Connection c = stockClient(loader)) {
                stock = MetaDataAnswers.of(c, "events$files");
            }
            // What docs/SERVER.md says: no setting of that client changes the case it reports.
            try (Connection c = driver.connect(
                    "jdbc:avatica:remote:url=" + server.url()
                            + ";serialization=protobuf;unquotedCasing=TO_LOWER;caseSensitive=false;casing=TO_LOWER",
                    new Properties())) {
                assertThat(c.getMetaData().storesUpperCaseIdentifiers()).isTrue();
                assertThat(c.getMetaData().supportsTransactions()).isFalse();
            }
        }
        Map<String, String> differences = differences(local, stock, PER_CONNECTION);
        assertThat(differences.keySet()).isEqualTo(STOCK_CLIENT_COMPUTES);
    }

    @Test
    void resultSetMetaDataIsTheSameThroughEveryClient() throws Exception {
        String sql = "SELECT f.path, f.size, f.region, f.data_change, h.\"timestamp\" FROM \"events$files\" f"
                + " JOIN \"events$history\" h ON h.version = 0";
        List<String> local;
        try (Connection c = local()) {
            local = describe(c, sql);
        }
        assertThat(local)
                .containsExactly(
                        "path VARCHAR 2147483647 0 2147483647",
                        "size BIGINT 19 0 20",
                        "region VARCHAR 2147483647 0 2147483647",
                        "data_change BOOLEAN 1 0 5",
                        "timestamp TIMESTAMP 23 3 23");
        try (Connection c = deltasqlRemote()) {
            assertThat(describe(c, sql)).isEqualTo(local);
        }
        try (URLClassLoader loader = stockClientLoader();
                Connection c = stockClient(loader)) {
            assertThat(describe(c, sql)).isEqualTo(local);
        }
    }

    /** Name, type name, precision, scale and display size of each column, of a statement's result and of its prepared form. */
    private static List<String> describe(Connection c, String sql) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql);
                PreparedStatement ps = c.prepareStatement(sql)) {
            ResultSetMetaData m = rs.getMetaData();
            ResultSetMetaData p = ps.getMetaData();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                String column = m.getColumnLabel(i) + " " + m.getColumnTypeName(i) + " " + m.getPrecision(i) + " "
                        + m.getScale(i) + " " + m.getColumnDisplaySize(i);
                assertThat(p.getColumnLabel(i) + " " + p.getColumnTypeName(i) + " " + p.getPrecision(i) + " "
                                + p.getScale(i) + " " + p.getColumnDisplaySize(i))
                        .as("prepared")
                        .isEqualTo(column);
                columns.add(column);
            }
        }
        return columns;
    }

    /** The stock Avatica client's jar (and the SLF4J API it needs) in a class loader whose parent is the platform's, as a tool loads a driver. */
    private static URLClassLoader stockClientLoader() throws Exception {
        Path jar = Path.of("target", "stock-clients", "avatica.jar");
        Path slf4j = Path.of("target", "stock-clients", "slf4j-api.jar");
        assertThat(jar).as("copied by the build (mvn process-test-resources)").exists();
        return new URLClassLoader(
                new URL[] {jar.toUri().toURL(), slf4j.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static Connection stockClient(URLClassLoader loader) throws Exception {
        return stockDriver(loader)
                .connect("jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf", new Properties());
    }

    private static Driver stockDriver(URLClassLoader loader) throws Exception {
        Driver driver = (Driver) loader.loadClass("org.apache.calcite.avatica.remote.Driver")
                .getDeclaredConstructor()
                .newInstance();
        assertThat(driver.getClass().getClassLoader()).isSameAs(loader);
        return driver;
    }

    private static Map<String, String> differences(
            Map<String, String> expected, Map<String, String> actual, Set<String> ignored) {
        Map<String, String> differences = new TreeMap<>();
        expected.forEach((method, answer) -> {
            if (!ignored.contains(method) && !answer.equals(actual.get(method))) {
                differences.put(method, "\n  expected " + answer + "\n  but was  " + actual.get(method));
            }
        });
        if (!differences.isEmpty()) {
            differences.forEach((k, v) -> System.out.println("DIFF " + k + v));
        }
        return differences;
    }
}
