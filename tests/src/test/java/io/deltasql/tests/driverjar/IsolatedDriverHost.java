package io.deltasql.tests.driverjar;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A SQL tool's JVM, run by {@code DriverJarInToolClassLoaderTest} in a process of its own: its
 * class path holds only this class, an old PostgreSQL JDBC driver and an old Jackson. Like DBeaver,
 * it loads the deltasql driver jar in a class loader of its own (parent: the platform loader),
 * instantiates {@code io.deltasql.jdbc.DeltaSqlDriver} and calls {@link Driver#connect} directly,
 * leaving the thread's context class loader as the host's. It prints what it observed as
 * {@code key=value} lines for the test to check, and exits non-zero on any exception.
 *
 * <p>Arguments: {@code <driver-jar> <work-dir> local|remote <label>=<url>...}. For {@code local},
 * each URL names a catalog ({@code jdbc:deltasql:sqlite:…}, {@code …postgresql:…}, …); the
 * label {@code sqlite} also imports and verifies tables through the jar's own core classes; a
 * {@code jdbc:deltasql:remote:} URL runs the tour on a server. For {@code remote} (the remote-only
 * jar), each URL is a {@code jdbc:deltasql:remote:} URL, and a direct catalog URL must be refused. Uses the JDK
 * only: the host's PostgreSQL driver and Jackson are reached by name.
 */
public final class IsolatedDriverHost {
    private static final String SCHEMA = "{`type`:`struct`,`fields`:["
            + "{`name`:`id`,`type`:`long`,`nullable`:true,`metadata`:{}},"
            + "{`name`:`region`,`type`:`string`,`nullable`:true,`metadata`:{}}]}";

    private IsolatedDriverHost() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        boolean local = args[2].equals("local");
        // What the host had before deltasql came: its own PostgreSQL driver (registered by its class
        // initialisation, as a tool's driver manager does) and its own Jackson.
        Class<?> hostPostgres = Class.forName("org.postgresql.Driver");
        Class<?> hostMapper = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        ClassLoader hostContext = Thread.currentThread().getContextClassLoader();

        try (URLClassLoader loader = new URLClassLoader(
                "deltasql-driver", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) loader.loadClass("io.deltasql.jdbc.DeltaSqlDriver")
                    .getDeclaredConstructor()
                    .newInstance();
            fact("driverFromJar", driver.getClass().getClassLoader() == loader);
            for (int i = 3; i < args.length; i++) {
                String[] labelAndUrl = args[i].split("=", 2);
                if (labelAndUrl[0].equals("objectstore")) {
                    String[] locationAndUrl = labelAndUrl[1].split("\\|", 2);
                    objectStoreTable(driver, locationAndUrl[0], locationAndUrl[1]);
                    continue;
                }
                Path dir = Files.createDirectories(work.resolve(labelAndUrl[0]));
                tour(labelAndUrl[0], driver, labelAndUrl[1], dir);
                if (!labelAndUrl[1].startsWith("jdbc:deltasql:remote:")) {
                    checkMirror(labelAndUrl[0], dir.resolve("events"));
                }
                if (local && labelAndUrl[0].equals("sqlite")) {
                    importAndVerify(loader, "jdbc:" + labelAndUrl[1].substring("jdbc:deltasql:".length()), dir);
                }
            }
            if (!local) {
                directCatalogRefused(driver, work);
            }
            fact("contextLoaderIsTheHosts", Thread.currentThread().getContextClassLoader() == hostContext);
            // Nothing third-party is visible by its own name through the jar.
            fact("jarShowsJackson", canLoad(loader, "com.fasterxml.jackson.databind.ObjectMapper"));
            fact("jarShowsPostgres", canLoad(loader, "org.postgresql.Driver"));
            fact("jarShowsCalcite", canLoad(loader, "org.apache.calcite.jdbc.Driver"));
            fact("jarShowsAvatica", canLoad(loader, "org.apache.calcite.avatica.remote.Driver"));
        }

        // The host's own PostgreSQL URLs still get the host's driver, and only it is visible to the host.
        Driver postgres = DriverManager.getDriver("jdbc:postgresql://127.0.0.1:5432/postgres");
        fact(
                "hostPostgresDriver",
                postgres.getClass().getName() + " " + postgres.getMajorVersion() + "." + postgres.getMinorVersion()
                        + (postgres.getClass() == hostPostgres ? " (the host's)" : " (another)"));
        List<String> visible = new ArrayList<>();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            visible.add(d.getClass().getName());
        }
        fact("hostVisibleDrivers", String.join(",", visible));
        // The host's Jackson is still the one on its class path.
        Class<?> mapperNow = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        Object mapper = mapperNow.getDeclaredConstructor().newInstance();
        fact(
                "hostJackson",
                mapperNow.getMethod("version").invoke(mapper)
                        + (mapperNow == hostMapper ? " (the host's)" : " (another)"));
        fact(
                "hostJacksonWrites",
                mapperNow.getMethod("writeValueAsString", Object.class).invoke(mapper, List.of("ok")));
        fact("done", true);
    }

    /**
     * A table on an object store, through the jar's own (renamed) store SDK: created there, one
     * commit, and the mirror's account of the log it wrote to the store.
     */
    private static void objectStoreTable(Driver driver, String location, String url) throws SQLException {
        try (Connection c = driver.connect(url, new Properties());
                Statement s = c.createStatement()) {
            s.executeUpdate(sql("INSERT INTO delta.tables (name, location, schema_string) VALUES ('remote_t', '"
                    + location + "', '" + SCHEMA + "')"));
            s.executeUpdate(sql("INSERT INTO `remote_t$files` (path, size) VALUES ('part-0.parquet', 10)"));
            fact(
                    "objectstore.mirror",
                    rows(s, "SELECT head_version, mirrored_version, pending_versions FROM sys.mirror"));
        }
    }

    /** The README tour: create, insert, a transaction over two tables, history, time travel. */
    private static void tour(String label, Driver driver, String url, Path dir) throws SQLException {
        try (Connection c = driver.connect(url, new Properties())) {
            if (c == null) {
                throw new IllegalStateException("the driver did not accept " + url);
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate(
                        sql("INSERT INTO delta.tables (name, location, schema_string, partition_columns, properties)"
                                + " VALUES ('events', '" + dir.resolve("events") + "', '" + SCHEMA + "', '[`region`]',"
                                + " '{`delta.checkpointInterval`:`2`}')"));
                s.executeUpdate(sql("INSERT INTO delta.tables (name, location, schema_string)" + " VALUES ('logs', '"
                        + dir.resolve("logs") + "', '" + SCHEMA + "')"));
                s.executeUpdate(sql("INSERT INTO `events$files` (path, size, partition_values)"
                        + " VALUES ('region=eu/part-0.parquet', 1024, '{`region`:`eu`}')"));

                // Several tables atomically: all of it lands, or none of it.
                c.setAutoCommit(false);
                s.executeUpdate(sql("INSERT INTO `events$files` (path, size, partition_values)"
                        + " VALUES ('region=us/part-0.parquet', 2048, '{`region`:`us`}')"));
                s.executeUpdate(sql("DELETE FROM `events$files` WHERE region = 'eu'"));
                s.executeUpdate(sql("INSERT INTO `logs$files` (path, size) VALUES ('part-0.parquet', 10)"));
                c.commit();
                c.setAutoCommit(true);

                fact(label + ".versions", rows(s, "SELECT name, version FROM delta.tables ORDER BY name"));
                fact(
                        label + ".history",
                        rows(
                                s,
                                "SELECT version, num_added_files, num_removed_files"
                                        + " FROM `events$history` ORDER BY version"));
                fact(label + ".filesNow", rows(s, "SELECT path FROM `events$files`"));
                fact(label + ".filesAtV1", rows(s, "SELECT path FROM TABLE(delta.files('events', 1))"));
                fact(label + ".partitions", rows(s, "SELECT region, num_files, size_bytes FROM `events$partitions`"));
                // A literal beyond ISO-8859-1 (Calcite's default charset unless deltasql's settings are read).
                fact(label + ".unicodeLiteral", rows(s, "SELECT count(*) FROM `events$files` WHERE region = 'été €'"));
            }
        }
    }

    /** The remote-only jar has no SQL engine: a catalog URL is refused with a pointer to the full jar, and no file is made. */
    private static void directCatalogRefused(Driver driver, Path work) {
        Path catalog = work.resolve("direct.db");
        try (Connection c = driver.connect("jdbc:deltasql:sqlite:" + catalog, new Properties())) {
            fact("directCatalog", "connected");
        } catch (SQLException e) {
            fact("directCatalog", e.getSQLState() + " " + e.getMessage());
        }
        fact("directCatalogFileMade", Files.exists(catalog));
    }

    /** The mirrored log, after the connection closed (closing waits for queued checkpoints). */
    private static void checkMirror(String label, Path table) throws IOException {
        Path log = table.resolve("_delta_log");
        List<String> names;
        try (Stream<Path> files = Files.list(log)) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
        fact(label + ".deltaLog", String.join(",", names));
    }

    /**
     * Import and verify, through the core classes inside the jar: the mirrored table, with its
     * first commits removed so that the import must read the Parquet checkpoint, goes into a new
     * catalog; then Delta Kernel's reading of each log is compared with the catalog.
     */
    private static void importAndVerify(ClassLoader loader, String catalogUrl, Path dir) throws Exception {
        Path copy = dir.resolve("events-copy/_delta_log");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir.resolve("events/_delta_log"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("00000000000000000000.json") && !name.equals("00000000000000000001.json")) {
                    Files.copy(f, copy.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Class<?> config = loader.loadClass("io.deltasql.core.CatalogConfig");
        Class<?> catalogClass = loader.loadClass("io.deltasql.core.DeltaCatalog");
        Class<?> progress = loader.loadClass("io.deltasql.core.imports.ImportProgress");
        try (AutoCloseable original = open(config, catalogClass, catalogUrl);
                AutoCloseable imported = open(config, catalogClass, "jdbc:sqlite:" + dir.resolve("imported.db"))) {
            Object importer = loader.loadClass("io.deltasql.core.imports.DeltaLogImporter")
                    .getConstructor(catalogClass)
                    .newInstance(imported);
            Object table = call(
                    importer,
                    "importTable",
                    new Class<?>[] {Path.class, String.class, progress},
                    dir.resolve("events-copy"),
                    "events_copy",
                    progress.getField("NONE").get(null));
            fact("sqlite.importedVersion", call(table, "headVersion", new Class<?>[0]));
            fact("sqlite.verifyOriginal", verify(loader, catalogClass, original, "events"));
            fact("sqlite.verifyImported", verify(loader, catalogClass, imported, "events_copy"));
        }
    }

    private static AutoCloseable open(Class<?> config, Class<?> catalogClass, String jdbcUrl) throws Exception {
        Object builder = config.getMethod("builder", String.class).invoke(null, jdbcUrl);
        Object built = call(builder, "build", new Class<?>[0]);
        return (AutoCloseable) catalogClass.getMethod("open", config).invoke(null, built);
    }

    private static String verify(ClassLoader loader, Class<?> catalogClass, Object catalog, String table)
            throws Exception {
        Object verifier = loader.loadClass("io.deltasql.core.verify.TableVerifier")
                .getConstructor(catalogClass)
                .newInstance(catalog);
        Object report = call(verifier, "verify", new Class<?>[] {String.class, boolean.class}, table, true);
        return call(report, "identical", new Class<?>[0]) + " "
                + call(report, "render", new Class<?>[0]).toString().replace('\n', ' ');
    }

    private static Object call(Object target, String method, Class<?>[] types, Object... args) throws Exception {
        Method m = target.getClass().getMethod(method, types);
        m.setAccessible(true);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static boolean canLoad(ClassLoader loader, String name) {
        try {
            loader.loadClass(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String rows(Statement s, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql(query))) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(String.join(":", row));
            }
        }
        return String.join(",", rows);
    }

    /** Backquotes stand for double quotes, so the SQL above needs no escapes. */
    private static String sql(String s) {
        return s.replace('`', '"');
    }

    private static void fact(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
