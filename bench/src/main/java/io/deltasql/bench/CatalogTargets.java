package io.deltasql.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Resolves {@code --catalog}: {@code sqlite} (a file in the work directory), {@code postgresql}
 * (the machine's server on 127.0.0.1:5432 in schema {@value #SCHEMA} when it answers, else an
 * embedded PostgreSQL whose data directory stays in the work directory so tables are reused),
 * a JDBC URL, or {@code all} (SQLite and PostgreSQL).
 */
public final class CatalogTargets {
    public static final String LOCAL_PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=2";
    public static final String SCHEMA = "deltasql_bench";

    private CatalogTargets() {}

    public static List<String> names(String option) {
        List<String> names = new ArrayList<>();
        for (String s : option.split(",")) {
            String n = s.trim();
            if (n.equalsIgnoreCase("all")) {
                names.add("sqlite");
                names.add("postgresql");
            } else if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return names;
    }

    public static BenchCatalog open(String name, Path workDir) throws Exception {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("sqlite")) {
            Path dir = Files.createDirectories(workDir.resolve("sqlite"));
            String url = "jdbc:sqlite:" + dir.resolve("catalog.db").toAbsolutePath();
            return new BenchCatalog(
                    "SQLite", url, version(url, "SELECT 'SQLite ' || sqlite_version()"), dir.resolve("tables"), null);
        }
        if (lower.equals("postgresql") || lower.equals("postgres")) {
            return postgres(workDir);
        }
        if (lower.startsWith("jdbc:")) {
            String label = lower.startsWith("jdbc:postgresql:")
                    ? "PostgreSQL"
                    : lower.startsWith("jdbc:sqlite:") ? "SQLite" : lower.substring(5, lower.indexOf(':', 5));
            Path dir = Files.createDirectories(workDir.resolve("custom-" + label.toLowerCase(Locale.ROOT)));
            return new BenchCatalog(label, name, version(name, versionQuery(lower)), dir.resolve("tables"), null);
        }
        throw new IllegalArgumentException("--catalog " + name + ": use postgresql, sqlite, all or a jdbc: URL");
    }

    private static String versionQuery(String url) {
        return url.startsWith("jdbc:sqlite:") ? "SELECT 'SQLite ' || sqlite_version()" : "SELECT version()";
    }

    private static BenchCatalog postgres(Path workDir) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("postgresql"));
        if (reachable(LOCAL_PG)) {
            return inBenchSchema(LOCAL_PG, "local server", dir, null);
        }
        Path data = workDir.resolve("embedded-pg").toAbsolutePath();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
        return inBenchSchema(pg.getJdbcUrl("postgres", "postgres"), "embedded", dir, pg);
    }

    /** A PostgreSQL catalog in the bench's own schema of the database {@code adminUrl} reaches; {@code closer} stops its server, or is null. */
    private static BenchCatalog inBenchSchema(String adminUrl, String server, Path dir, AutoCloseable closer)
            throws Exception {
        execute(adminUrl, "CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        String url = adminUrl + "&currentSchema=" + SCHEMA;
        return new BenchCatalog(
                "PostgreSQL",
                url,
                shortPg(version(url, "SELECT version()")) + " (" + server + ")",
                dir.resolve("tables"),
                closer);
    }

    private static String shortPg(String v) {
        int comma = v.indexOf(" on ");
        return comma > 0 ? v.substring(0, comma) : v;
    }

    static boolean reachable(String url) {
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String version(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
