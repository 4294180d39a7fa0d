package io.deltasql.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.TableInfo;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input through the driver (and a share through a server process): a corpus of malformed
 * and abusive SQL, strings built to break out of quoting stored in every string the catalog keeps,
 * a randomized mutation of valid statements (fixed seed, {@value #RANDOM_STATEMENTS} statements),
 * malformed {@code _delta_log} JSON for import, and oversize commits. Every refusal must be an
 * {@link SQLException} with a specific SQLState (never {@code XX000}); a refused statement changes
 * nothing (catalog dump equal); the catalog database's own tables are the same before and after
 * (plain JDBC on the catalog database); accepted strings read back byte for byte; and Delta Kernel
 * reads every table's mirrored log as the catalog has it. Prints {@code RELIABILITY hostile …} lines.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    static final int RANDOM_STATEMENTS = 150;
    static final String INJECTION = "x'); DROP TABLE ds_tables; --";
    /** Strings meant to escape quoting somewhere: stored as names, locations, paths, partition values, properties. */
    static final List<String> HOSTILE = List.of(
            INJECTION,
            "semi;colon",
            "dollar$sign",
            "double\"quote",
            "single'quote",
            "back\\slash",
            "ünïcødé-表-🚀",
            "percent%_under",
            "-- dash",
            "\" OR \"1\"=\"1",
            "'; DELETE FROM ds_commits; '",
            "tab\there",
            "x\\'); DROP TABLE ds_files; --");

    private static final String PARTITIONED_SCHEMA = Fixtures.SCHEMA;

    /** SQLite and embedded PostgreSQL always; MariaDB when {@code DELTASQL_TEST_MYSQL_URL} names one (skipped with a notice otherwise). */
    static Stream<String> targets() {
        return Stream.of("sqlite", "embedded-postgresql", "mariadb-server");
    }

    static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String driverUrl(CatalogTarget.TestCatalog db) {
        return "jdbc:deltasql:" + db.jdbcUrl().substring("jdbc:".length());
    }

    /** The catalog database's own tables, by plain JDBC. */
    static TreeSet<String> catalogTables(String jdbcUrl) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || !(schema.equals("pg_catalog") || schema.equals("information_schema"))) {
                    names.add((schema == null ? "" : schema + ".") + rs.getString("TABLE_NAME"));
                }
            }
        }
        return names;
    }

    /** Runs a statement that must be refused: a clear SQLState and nothing changed. */
    static String refusedUnchanged(Outcomes out, Statement s, String catalogUrl, String label, String sql) {
        String before = CatalogDump.of(catalogUrl);
        try {
            runAndDrain(s, sql);
            out.ok();
            out.anomalies.add(label + ": was accepted, expected a refusal");
            return "ok";
        } catch (SQLException e) {
            String state = out.refused(label, e);
            if (!CatalogDump.of(catalogUrl).equals(before)) {
                out.anomalies.add(label + ": refused (" + state + ") but the catalog changed");
            }
            return state;
        } catch (Throwable t) {
            out.unexpected(label, t);
            return t.getClass().getSimpleName();
        }
    }

    static void runAndDrain(Statement s, String sql) throws SQLException {
        if (s.execute(sql)) {
            try (ResultSet rs = s.getResultSet()) {
                int cols = rs.getMetaData().getColumnCount();
                for (int n = 0; n < 1000 && rs.next(); n++) {
                    for (int i = 1; i <= cols; i++) {
                        rs.getString(i);
                    }
                }
            }
        }
    }

    /** Statements that must be refused: label → SQL. */
    static Map<String, String> refusals() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("typo", "SELEC * FROM delta.tables");
        m.put("truncated", "SELECT * FROM");
        m.put("lone-quote", "'");
        m.put("lone-double-quote", "\"");
        m.put("semicolons", ";;;");
        m.put("unterminated-string", "SELECT 'abc FROM delta.tables");
        m.put("two-statements", "SELECT 1; DROP TABLE ds_tables");
        m.put("injection-in-where", "SELECT * FROM \"r$files\" WHERE path = 'x'); DROP TABLE ds_tables; --'");
        m.put("catalog-table-direct", "SELECT * FROM ds_tables");
        m.put("catalog-table-drop", "DROP TABLE ds_tables");
        m.put("unknown-table", "SELECT * FROM \"nope$files\"");
        m.put("unknown-column", "SELECT nope FROM \"r$files\"");
        m.put("negative-size", "INSERT INTO \"r$files\"(path, size) VALUES ('neg', -1)");
        m.put(
                "bad-partition-json",
                "INSERT INTO \"r$files\"(path, size, partition_values) VALUES ('pj', 1, '{not json')");
        m.put("bad-stats-json", "INSERT INTO \"r$files\"(path, size, stats) VALUES ('sj', 1, '{\"numRecords\":')");
        m.put(
                "bad-schema",
                "INSERT INTO delta.tables(name, location, schema_string) VALUES ('bad_schema', '/tmp/x', '{oops')");
        m.put(
                "relative-location",
                "INSERT INTO delta.tables(name, location, schema_string) VALUES ('rel', 'relative/path', "
                        + lit(Fixtures.SCHEMA) + ")");
        m.put(
                "empty-name",
                "INSERT INTO delta.tables(name, location, schema_string) VALUES ('', '/tmp/e', " + lit(Fixtures.SCHEMA)
                        + ")");
        m.put(
                "long-name",
                "INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + "n".repeat(300) + "', '/tmp/l', "
                        + lit(Fixtures.SCHEMA) + ")");
        m.put("nul-in-path", "INSERT INTO \"r$files\"(path, size) VALUES ('nul" + '\u0000' + "byte', 1)");
        // NUL elsewhere: PostgreSQL cannot hold it, so every catalog refuses it alike (K5).
        m.put(
                "nul-in-name",
                "INSERT INTO delta.tables(name, location, schema_string) VALUES ('nul" + '\u0000' + "name', '/tmp/n', "
                        + lit(Fixtures.SCHEMA) + ")");
        m.put(
                "nul-in-location",
                "INSERT INTO delta.tables(name, location, schema_string) VALUES ('nulloc', '/tmp/nul" + '\u0000'
                        + "loc', " + lit(Fixtures.SCHEMA) + ")");
        m.put("nul-in-table-lookup", "SELECT * FROM \"nul" + '\u0000' + "table$files\"");
        m.put("nul-in-time-travel", "SELECT * FROM TABLE(delta.files('r" + '\u0000' + "', 0))");
        m.put("time-travel-negative", "SELECT * FROM TABLE(delta.files('r', -1))");
        m.put("time-travel-future", "SELECT * FROM TABLE(delta.files('r', 999999))");
        m.put("time-travel-injection", "SELECT * FROM TABLE(delta.files('x''); DROP TABLE ds_tables; --', 0))");
        m.put("deep-nesting", "SELECT " + "(".repeat(1000) + "1" + ")".repeat(1000) + " FROM delta.tables");
        m.put(
                "deep-nesting-where",
                "SELECT * FROM \"r$files\" WHERE " + "NOT (".repeat(1000) + "size > 0" + ")".repeat(1000));
        m.put("update-files", "UPDATE \"r$files\" SET size = 2");
        m.put("huge-number", "INSERT INTO \"r$files\"(path, size) VALUES ('big', 99999999999999999999999999)");
        // Values beyond the catalog's limits (CatalogLimit), one per field: 22023 naming the limit, nothing changed.
        String create =
                "INSERT INTO delta.tables(name, location, schema_string, partition_columns, description) VALUES ";
        m.put(
                "oversize-property-key",
                "INSERT INTO \"r$properties\"(property_key, property_value) VALUES ('" + "k".repeat(70_000)
                        + "', 'v')");
        m.put(
                "oversize-property-value",
                "INSERT INTO \"r$properties\"(property_key, property_value) VALUES ('k', '" + "v".repeat(21_000_000)
                        + "')");
        m.put(
                "oversize-path",
                "INSERT INTO \"r$files\"(path, size, region) VALUES ('" + "p".repeat(40_000) + "', 1, 'eu')");
        m.put(
                "oversize-partition-value",
                "INSERT INTO \"r$files\"(path, size, region) VALUES ('pv', 1, '" + "e".repeat(70_000) + "')");
        m.put(
                "oversize-tags",
                "INSERT INTO \"r$files\"(path, size, region, tags) VALUES ('tg', 1, 'eu', '{\"t\":\""
                        + "t".repeat(70_000) + "\"}')");
        m.put(
                "oversize-stats",
                "INSERT INTO \"r$files\"(path, size, region, stats) VALUES ('st', 1, 'eu', '{\"numRecords\":1,\"x\":\""
                        + "s".repeat(1_100_000) + "\"}')");
        m.put(
                "oversize-location",
                create + "('ol', '/tmp/" + "l".repeat(5_000) + "', " + lit(Fixtures.SCHEMA) + ", '[]', NULL)");
        m.put(
                "oversize-schema",
                create + "('os', '/tmp/os', "
                        + lit(Fixtures.SCHEMA.replace(
                                "\"metadata\":{}", "\"metadata\":{\"comment\":\"" + "c".repeat(1_100_000) + "\"}"))
                        + ", '[]', NULL)");
        m.put(
                "oversize-partition-column",
                create + "('opc', '/tmp/opc', "
                        + lit(Fixtures.SCHEMA.replace("\"region\"", "\"" + "r".repeat(1_100) + "\"")) + ", '[\""
                        + "r".repeat(1_100) + "\"]', NULL)");
        m.put(
                "oversize-description",
                create + "('od', '/tmp/od', " + lit(Fixtures.SCHEMA) + ", '[]', '" + "d".repeat(70_000) + "')");
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Order(1)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void hostileSqlThroughTheDriver(String targetName) throws Exception {
        CatalogTarget target = ConcurrencyTortureTest.target(targetName);
        Path dir = RunDirs.fresh("hostile-" + target.name());
        Outcomes out = new Outcomes();
        try (CatalogTarget.TestCatalog db = target.create();
                Connection c = DriverManager.getConnection(driverUrl(db));
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('r', "
                    + lit(dir.resolve("r").toString()) + ", " + lit(PARTITIONED_SCHEMA) + ", '[\"region\"]')");
            s.executeUpdate("INSERT INTO \"r$files\"(path, size, region) VALUES ('seed', 10, 'eu')");
            TreeSet<String> tablesBefore = catalogTables(db.jdbcUrl());

            // 1. The corpus of refusals.
            Map<String, String> states = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : refusals().entrySet()) {
                states.put(e.getKey(), refusedUnchanged(out, s, db.jdbcUrl(), e.getKey(), e.getValue()));
            }
            System.out.println("RELIABILITY hostile-corpus target=" + target.name() + " states="
                    + states.toString().replace(" ", ""));
            states.forEach((label, state) -> {
                // No table can have NUL in its name (42P01); anywhere else NUL is invalid input.
                String expected = label.equals("nul-in-table-lookup") ? "42P01" : "22023";
                if (label.startsWith("nul-in-") && !state.equals(expected)) {
                    out.anomalies.add(label + ": " + state + ", expected " + expected + " on every catalog");
                }
                if (label.startsWith("oversize-") && !state.equals("22023")) {
                    out.anomalies.add(
                            label + ": " + state + ", expected 22023 (a value beyond its limit) on every catalog");
                }
            });

            // 2. Huge literal: 10 MB, selected and as a path.
            String huge = "h".repeat(10 * 1024 * 1024);
            try {
                try (ResultSet rs =
                        s.executeQuery("SELECT CHAR_LENGTH(" + lit(huge) + ") FROM delta.tables WHERE name = 'r'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(huge.length());
                }
                out.ok();
            } catch (SQLException e) {
                out.refused("10MB-select", e);
            }
            hugePath(out, s, db.jdbcUrl(), huge);

            // 3. Hostile strings in every string the catalog stores.
            int roundTrips = hostileStrings(out, s, dir);

            // 4. Randomized mutations of valid statements.
            randomized(out, s, new Random(42), RANDOM_STATEMENTS, "local");

            // 5. An oversize commit: one statement adding 1000 files.
            StringBuilder many = new StringBuilder("INSERT INTO \"r$files\"(path, size, region) VALUES ");
            for (int i = 0; i < 1000; i++) {
                many.append(i == 0 ? "" : ", ")
                        .append("('bulk/")
                        .append(i)
                        .append("', ")
                        .append(i + 1)
                        .append(", 'us')");
            }
            try {
                assertThat(s.executeUpdate(many.toString())).isEqualTo(1000);
                out.ok();
            } catch (SQLException e) {
                out.refused("1000-row-insert", e);
            }

            assertThat(catalogTables(db.jdbcUrl()))
                    .as("the catalog database's own tables")
                    .isEqualTo(tablesBefore);
            verifyAllMirrors(out, db);
            out.writeDetails(dir.resolve("anomalies.txt"));
            System.out.println("RELIABILITY hostile-sql target=" + target.name() + " " + out.figures() + " round_trips="
                    + roundTrips);
            assertThat(KnownIssues.unknown("hostile " + target.name(), out.anomalies))
                    .isEmpty();
        }
    }

    /**
     * Statements of 100,000 rows and values run, as data: a 100,000-row INSERT is one commit of
     * 100,000 files, and an IN list of 100,000 values finds the right rows. Ordered after the
     * corpus: parsing them warms the parser up, and how deep a nesting the parser then takes
     * before its stack overflows would differ between the corpus's targets.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Order(2)
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void hundredThousandRowStatementsThroughTheDriver(String targetName) throws Exception {
        CatalogTarget target = ConcurrencyTortureTest.target(targetName);
        Path dir = RunDirs.fresh("hostile-big-" + target.name());
        Outcomes out = new Outcomes();
        try (CatalogTarget.TestCatalog db = target.create();
                Connection c = DriverManager.getConnection(driverUrl(db));
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('r', "
                    + lit(dir.resolve("r").toString()) + ", " + lit(PARTITIONED_SCHEMA) + ", '[\"region\"]')");
            bigStatements(out, s);
            verifyAllMirrors(out, db);
            System.out.println("RELIABILITY hostile-big target=" + target.name() + " " + out.figures());
            assertThat(KnownIssues.unknown("hostile-big " + target.name(), out.anomalies))
                    .isEmpty();
        }
    }

    private static void bigStatements(Outcomes out, Statement s) throws SQLException {
        int rows = 100_000;
        long before = count(s, "SELECT count(*) FROM \"r$files\"");
        StringBuilder insert = new StringBuilder("INSERT INTO \"r$files\"(path, size, partition_values) VALUES ");
        StringBuilder in = new StringBuilder("SELECT count(*) FROM \"r$files\" WHERE path IN (");
        for (int i = 0; i < rows; i++) {
            insert.append(i == 0 ? "" : ", ")
                    .append("('big100k/")
                    .append(i)
                    .append("', ")
                    .append(i + 1)
                    .append(", '{\"region\":\"eu\"}')");
            in.append(i == 0 ? "" : ", ").append(i % 2 == 0 ? "'big100k/" + i + "'" : "'absent/" + i + "'");
        }
        in.append(')');
        try {
            assertThat(s.executeUpdate(insert.toString())).isEqualTo(rows);
            assertThat(count(s, "SELECT count(*) FROM \"r$files\"")).isEqualTo(before + rows);
            assertThat(count(s, in.toString())).isEqualTo(rows / 2);
            out.ok();
        } catch (SQLException e) {
            out.refused("100k-row-statements", e);
            out.anomalies.add("100k-row statements: refused (" + e.getSQLState() + "), expected to run: "
                    + Outcomes.abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void hugePath(Outcomes out, Statement s, String catalogUrl, String huge) {
        String before = CatalogDump.of(catalogUrl);
        try {
            s.executeUpdate("INSERT INTO \"r$files\"(path, size, region) VALUES (" + lit(huge) + ", 1, 'eu')");
            out.ok();
            try (ResultSet rs =
                    s.executeQuery("SELECT CHAR_LENGTH(path) FROM \"r$files\" WHERE CHAR_LENGTH(path) > 1000")) {
                if (!rs.next() || rs.getLong(1) != huge.length()) {
                    out.anomalies.add("10MB path accepted but does not read back");
                }
            }
        } catch (SQLException e) {
            out.refused("10MB-path", e);
            if (!CatalogDump.of(catalogUrl).equals(before)) {
                out.anomalies.add("10MB path refused but the catalog changed");
            }
        }
    }

    /** Creates a table per hostile string (name, location, path, partition value, property) and reads each back. */
    private static int hostileStrings(Outcomes out, Statement s, Path dir) throws Exception {
        int roundTrips = 0;
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String h = HOSTILE.get(i);
            String name = h.toLowerCase(Locale.ROOT);
            String location =
                    dir.resolve("loc-" + i + "-" + h.replace("/", "_")).toString();
            String label = "hostile[" + i + "] " + h;
            try {
                s.executeUpdate(
                        "INSERT INTO delta.tables(name, location, schema_string, partition_columns, properties) VALUES ("
                                + lit(name) + ", " + lit(location) + ", " + lit(PARTITIONED_SCHEMA)
                                + ", '[\"region\"]', "
                                + lit(json.writeValueAsString(Map.of("user." + h, h))) + ")");
                out.ok();
            } catch (SQLException e) {
                out.refused(label + " as a table name", e);
                continue;
            }
            try (ResultSet rs = s.executeQuery("SELECT name, location FROM delta.tables WHERE name = " + lit(name))) {
                if (!rs.next() || !name.equals(rs.getString(1)) || !location.equals(rs.getString(2))) {
                    out.anomalies.add(label + ": name/location do not read back exactly");
                } else {
                    roundTrips += 2;
                }
            }
            String files = "delta." + ident(name + "$files");
            String path = "p-" + i + "/" + h;
            try {
                s.executeUpdate(
                        "INSERT INTO " + files + "(path, size, region) VALUES (" + lit(path) + ", 7, " + lit(h) + ")");
                out.ok();
                try (ResultSet rs = s.executeQuery("SELECT path, region, partition_values FROM " + files)) {
                    if (!rs.next()
                            || !path.equals(rs.getString(1))
                            || !h.equals(rs.getString(2))
                            || !h.equals(
                                    json.readTree(rs.getString(3)).get("region").asText())) {
                        out.anomalies.add(label + ": path/partition value do not read back exactly");
                    } else {
                        roundTrips += 2;
                    }
                }
            } catch (SQLException e) {
                out.refused(label + " as a path / partition value", e);
            }
            String props = "delta." + ident(name + "$properties");
            try {
                s.executeUpdate("INSERT INTO " + props + "(property_key, property_value) VALUES (" + lit("k." + h)
                        + ", " + lit(h) + ")");
                out.ok();
                try (ResultSet rs = s.executeQuery(
                        "SELECT property_key, property_value FROM " + props + " ORDER BY property_key")) {
                    Map<String, String> read = new LinkedHashMap<>();
                    while (rs.next()) {
                        read.put(rs.getString(1), rs.getString(2));
                    }
                    if (!h.equals(read.get("k." + h)) || !h.equals(read.get("user." + h))) {
                        out.anomalies.add(label + ": properties do not read back exactly: " + read);
                    } else {
                        roundTrips += 2;
                    }
                }
            } catch (SQLException e) {
                out.refused(label + " as a property", e);
            }
        }
        return roundTrips;
    }

    static final String[] BASES = {
        "SELECT path, size FROM \"r$files\" WHERE size > 5 ORDER BY path",
        "INSERT INTO \"r$files\"(path, size, region) VALUES ('g-%d', 5, 'eu')",
        "DELETE FROM \"r$files\" WHERE path = 'g-%d'",
        "SELECT COUNT(*) FROM TABLE(delta.files('r', 1))",
        "SELECT version, operation FROM \"r$history\" WHERE version >= 0",
        "INSERT INTO \"r$properties\"(property_key, property_value) VALUES ('k%d', 'v')",
        "SELECT name, location FROM delta.tables WHERE name LIKE 'r%%'",
        "SELECT region, COUNT(*) FROM \"r$files\" GROUP BY region HAVING COUNT(*) > 0",
    };
    static final String[] TOKENS = {
        "'",
        "\"",
        "(",
        ")",
        ";",
        "--",
        "/*",
        "*/",
        "$",
        "é",
        "🚀",
        " OR 1=1",
        INJECTION,
        "NULL",
        "-1",
        "99999999999999999999999",
        "\\",
        ",",
        " SELECT ",
        "*",
        "\u0000",
        "''",
        " UNION SELECT name, location FROM delta.tables ",
        " ds_tables ",
        "%",
        "?"
    };

    static String mutate(Random random, String sql) {
        StringBuilder b = new StringBuilder(sql);
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            int at = random.nextInt(b.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(6));
                    b.delete(Math.min(at, b.length()), end);
                }
                case 2 -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(10));
                    b.insert(at, b.substring(Math.min(at, b.length()), end));
                }
                default -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]).insert(0, "");
            }
        }
        return b.toString();
    }

    /** Mutated statements: each must succeed or fail with a clear SQLState. */
    static void randomized(Outcomes out, Statement s, Random random, int count, String where) {
        for (int i = 0; i < count; i++) {
            String base = String.format(BASES[random.nextInt(BASES.length)], i);
            String sql = random.nextInt(8) == 0 ? base : mutate(random, base);
            try {
                runAndDrain(s, sql);
                out.ok();
            } catch (SQLException e) {
                out.refused(where + " random[" + i + "] " + Outcomes.abbreviate(sql), e);
            } catch (Throwable t) {
                out.unexpected(where + " random[" + i + "] " + Outcomes.abbreviate(sql), t);
            }
        }
    }

    static void verifyAllMirrors(Outcomes out, CatalogTarget.TestCatalog db) {
        try (DeltaCatalog catalog = db.open()) {
            try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
                reconciler.reconcile();
            }
            TableVerifier verifier = new TableVerifier(catalog);
            for (TableInfo t : catalog.listTables()) {
                try {
                    VerifyReport report = verifier.verify(t.name(), true);
                    if (!report.identical()) {
                        out.anomalies.add("table " + t.name() + ": _delta_log differs from the catalog: "
                                + report.render().replace('\n', ' '));
                    }
                } catch (RuntimeException e) {
                    out.anomalies.add("table " + t.name() + ": cannot verify: " + Outcomes.abbreviate(e.toString()));
                }
            }
        }
    }

    /** The refusals and a share of the random statements through a server process: the same SQLStates reach remote clients. */
    @Test
    @Order(1)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void hostileSqlThroughAServer() throws Exception {
        Path dir = RunDirs.fresh("hostile-server");
        Outcomes local = new Outcomes();
        Outcomes remote = new Outcomes();
        try (CatalogTarget.TestCatalog db = CatalogTargets.EMBEDDED_POSTGRES.create();
                ServerJvm server = ServerJvm.start(dir.resolve("server.log"), db.jdbcUrl());
                Connection lc = DriverManager.getConnection(driverUrl(db));
                Statement ls = lc.createStatement();
                Connection rc = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url());
                Statement rs = rc.createStatement()) {
            ls.executeUpdate("INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('r', "
                    + lit(dir.resolve("r").toString()) + ", " + lit(PARTITIONED_SCHEMA) + ", '[\"region\"]')");
            ls.executeUpdate("INSERT INTO \"r$files\"(path, size, region) VALUES ('seed', 10, 'eu')");
            TreeSet<String> tablesBefore = catalogTables(db.jdbcUrl());
            List<String> mismatches = new ArrayList<>();
            for (Map.Entry<String, String> e : refusals().entrySet()) {
                String l = refusedUnchanged(local, ls, db.jdbcUrl(), e.getKey(), e.getValue());
                String r = refusedUnchanged(remote, rs, db.jdbcUrl(), "remote " + e.getKey(), e.getValue());
                if (!l.equals(r)) {
                    mismatches.add(e.getKey() + ": local " + l + ", remote " + r);
                }
            }
            randomized(remote, rs, new Random(4242), 40, "remote");
            assertThat(catalogTables(db.jdbcUrl())).isEqualTo(tablesBefore);
            verifyAllMirrors(remote, db);
            remote.writeDetails(dir.resolve("anomalies.txt"));
            System.out.println(
                    "RELIABILITY hostile-remote " + remote.figures() + " state_mismatches=" + mismatches.size());
            List<String> all = new ArrayList<>(remote.anomalies);
            mismatches.forEach(m -> all.add("SQLState differs: " + m));
            assertThat(KnownIssues.unknown("hostile-remote", all)).isEmpty();
        }
    }

    /** Malformed {@code _delta_log}s for import: each refused with a clear error, the catalog unchanged. */
    @Test
    @Order(1)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void malformedDeltaLogsForImport() throws Exception {
        Path dir = RunDirs.fresh("hostile-import");
        Map<String, List<String>> cases = MalformedLogs.cases();
        Outcomes out = new Outcomes();
        try (CatalogTarget.TestCatalog db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            TreeSet<String> tablesBefore = catalogTables(db.jdbcUrl());
            String before = CatalogDump.of(db.jdbcUrl());
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            for (Map.Entry<String, List<String>> e : cases.entrySet()) {
                Path table = MalformedLogs.write(dir.resolve(e.getKey()), e.getValue());
                Map<String, String> logBefore = MalformedLogs.contents(table);
                try {
                    importer.importTable(table, "imp_" + e.getKey().replace('-', '_'), ImportProgress.NONE);
                    out.ok();
                    out.anomalies.add("import " + e.getKey() + ": accepted, expected a refusal");
                } catch (DeltaSqlException ex) {
                    out.refused("import " + e.getKey(), new SQLException(ex.getMessage(), ex.sqlState()));
                    System.out.println("REFUSED import " + e.getKey() + " " + ex.sqlState() + ": "
                            + Outcomes.abbreviate(ex.getMessage()));
                } catch (Throwable t) {
                    out.unexpected("import " + e.getKey(), t);
                }
                if (!CatalogDump.of(db.jdbcUrl()).equals(before)) {
                    out.anomalies.add("import " + e.getKey() + ": the catalog changed");
                    before = CatalogDump.of(db.jdbcUrl());
                }
                if (!MalformedLogs.contents(table).equals(logBefore)) {
                    out.anomalies.add("import " + e.getKey() + ": its _delta_log changed");
                }
            }
            // A valid log under a hostile name: stored through parameters, read back exactly.
            Path ok = MalformedLogs.write(dir.resolve("valid"), List.of(MalformedLogs.V0));
            try {
                TableInfo t = importer.importTable(ok, INJECTION, ImportProgress.NONE);
                out.ok();
                if (!INJECTION.equals(catalog.table(INJECTION).name()) || !INJECTION.equals(t.name())) {
                    out.anomalies.add("import under a hostile name does not read back");
                }
            } catch (DeltaSqlException ex) {
                out.refused("import under a hostile name", new SQLException(ex.getMessage(), ex.sqlState()));
            }
            assertThat(catalogTables(db.jdbcUrl())).isEqualTo(tablesBefore);
        }
        System.out.println("RELIABILITY hostile-import cases=" + (cases.size() + 1) + " " + out.figures());
        assertThat(KnownIssues.unknown("hostile-import", out.anomalies)).isEmpty();
    }
}
