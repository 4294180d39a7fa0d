package io.deltasql.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained driver jar ({@code driver/target/deltasql-jdbc-<version>.jar}) works alone:
 * a client compiled against nothing but the JDK runs in its own JVM with only that jar on the
 * class path, as a SQL tool would load it from its driver folder.
 *
 * <p>The jar's path comes from the system property {@code deltasql.driverJar} (set in this
 * module's pom). The driver module's {@code package} phase writes it; when it is missing (e.g.
 * {@code mvn test} on a clean tree) the tests skip with a notice, except under {@code CI=true}.
 */
class ShadedDriverJarTest {

    private static final long CLIENT_TIMEOUT_SECONDS = 120;

    /**
     * Uses java.sql only. Backquotes stand for double quotes, so this source needs no escapes.
     * Prints one {@code key=value} line per result.
     */
    private static final String CLIENT_SOURCE = """
            import java.sql.Connection;
            import java.sql.DatabaseMetaData;
            import java.sql.DriverManager;
            import java.sql.ResultSet;
            import java.sql.ResultSetMetaData;
            import java.sql.SQLException;
            import java.sql.Statement;
            import java.util.ArrayList;
            import java.util.List;

            public class Client {
                static String sql(String s) {
                    return s.replace('`', '"');
                }

                static String one(Statement s, String query) throws SQLException {
                    try (ResultSet rs = s.executeQuery(sql(query))) {
                        if (!rs.next()) {
                            throw new IllegalStateException("no row from " + query);
                        }
                        String v = rs.getString(1);
                        if (rs.next()) {
                            throw new IllegalStateException("more than one row from " + query);
                        }
                        return v;
                    }
                }

                public static void main(String[] args) throws Exception {
                    String dir = args[0];
                    String url = "jdbc:deltasql:sqlite:" + dir + "/catalog.db";
                    String schema = sql("{`type`:`struct`,`fields`:["
                            + "{`name`:`id`,`type`:`long`,`nullable`:true,`metadata`:{}},"
                            + "{`name`:`day`,`type`:`string`,`nullable`:true,`metadata`:{}}]}");
                    long start = System.nanoTime();
                    try (Connection c = DriverManager.getConnection(url)) {
                        System.out.println("connectMs=" + (System.nanoTime() - start) / 1_000_000);
                        System.out.println("driverClass=" + DriverManager.getDriver(url).getClass().getName());
                        DatabaseMetaData md = c.getMetaData();
                        System.out.println("driverName=" + md.getDriverName());
                        System.out.println("productName=" + md.getDatabaseProductName());
                        try (Statement s = c.createStatement()) {
                            List<String> columns = new ArrayList<>();
                            try (ResultSet rs = s.executeQuery("SELECT * FROM delta.tables")) {
                                ResultSetMetaData rsmd = rs.getMetaData();
                                for (int i = 1; i <= rsmd.getColumnCount(); i++) {
                                    columns.add(rsmd.getColumnName(i).toLowerCase());
                                }
                            }
                            System.out.println("tablesColumns=" + String.join(",", columns));
                            boolean partitioned = columns.contains("partition_columns");

                            // Two tables, created under autocommit: version 0 of each, no files.
                            s.executeUpdate(sql("INSERT INTO delta.tables(name, location, schema_string"
                                    + (partitioned ? ", partition_columns" : "") + ") VALUES ('events', '"
                                    + dir + "/events', '" + schema + "'" + (partitioned ? ", '[`day`]'" : "") + ")"));
                            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('logs', '"
                                    + dir + "/logs', '" + schema + "')");

                            // One transaction over both tables: version 1 of each.
                            c.setAutoCommit(false);
                            int events = s.executeUpdate(sql(partitioned
                                    ? "INSERT INTO `events$files`(path, size, partition_values) VALUES"
                                        + " ('day=2024-01-01/a.parquet', 10, '{`day`:`2024-01-01`}'),"
                                        + " ('day=2024-01-02/b.parquet', 20, '{`day`:`2024-01-02`}')"
                                    : "INSERT INTO `events$files`(path, size) VALUES ('a.parquet', 10), ('b.parquet', 20)"));
                            int logs = s.executeUpdate(sql("INSERT INTO `logs$files`(path, size) VALUES ('c.parquet', 30)"));
                            c.commit();
                            c.setAutoCommit(true);
                            System.out.println("inserted=" + events + "," + logs);

                            System.out.println("count=" + one(s, "SELECT count(*) FROM `events$files`"));
                            System.out.println("size=" + one(s, "SELECT sum(size) FROM `events$files`"));
                            System.out.println("version=" + one(s, "SELECT version FROM delta.tables WHERE name='events'"));
                            System.out.println("logsVersion=" + one(s, "SELECT version FROM delta.tables WHERE name='logs'"));
                            System.out.println("logsCount=" + one(s, "SELECT count(*) FROM `logs$files`"));
                            System.out.println("countAtV0=" + one(s, "SELECT count(*) FROM TABLE(delta.files('events', 0))"));
                            System.out.println("countAtV1=" + one(s, "SELECT count(*) FROM TABLE(delta.files('events', 1))"));
                        }
                    }
                    System.out.println("totalMs=" + (System.nanoTime() - start) / 1_000_000);
                    System.out.println("done");
                }
            }
            """;

    private static Path driverJar;

    @BeforeAll
    static void findDriverJar() {
        String property = System.getProperty("deltasql.driverJar");
        assertThat(property)
                .as("system property deltasql.driverJar (set by tests/pom.xml)")
                .isNotBlank();
        driverJar = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isRegularFile(driverJar)) {
            String notice = "Shaded driver jar " + driverJar + " not found: run `mvn package` (it is written by the"
                    + " driver module's package phase)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(notice);
            }
            System.out.println("SKIPPED: " + notice);
            assumeTrue(false, notice);
        }
    }

    @Test
    void declaresTheDriverForServiceLoading() throws IOException {
        try (JarFile jar = new JarFile(driverJar.toFile())) {
            JarEntry services = jar.getJarEntry("META-INF/services/java.sql.Driver");
            assertThat(services)
                    .as("META-INF/services/java.sql.Driver in " + driverJar)
                    .isNotNull();
            String text;
            try (InputStream in = jar.getInputStream(services)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(text.lines().map(String::strip)).contains("io.deltasql.jdbc.DeltaSqlDriver");
            assertThat(jar.getJarEntry("io/deltasql/jdbc/DeltaSqlDriver.class")).isNotNull();
        }
    }

    @Test
    void runsAloneInItsOwnJvm(@TempDir Path dir) throws Exception {
        Path work = dir.toRealPath();
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path sourceFile = Files.writeString(src.resolve("Client.java"), CLIENT_SOURCE);

        // Compile against the JDK alone: without an explicit class path javac (in-process) would use
        // this JVM's, which holds the whole project.
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (javax.tools compiler)").isNotNull();
        ByteArrayOutputStream javacOutput = new ByteArrayOutputStream();
        int compiled = javac.run(
                null,
                javacOutput,
                javacOutput,
                "-proc:none",
                "--release",
                "17",
                "-classpath",
                classes.toString(),
                "-d",
                classes.toString(),
                sourceFile.toString());
        assertThat(compiled)
                .as("javac: %s", javacOutput.toString(StandardCharsets.UTF_8))
                .isZero();

        Path javaLauncher = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stdout = work.resolve("client.out");
        Path stderr = work.resolve("client.err");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        javaLauncher.toString(),
                        "-cp",
                        driverJar + File.pathSeparator + classes,
                        "Client",
                        work.toString()))
                .directory(work.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().remove("DELTASQL_CATALOG");
        pb.environment().remove("CLASSPATH");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        Process process = pb.start();
        if (!process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("client did not finish in " + CLIENT_TIMEOUT_SECONDS + " s\n" + describe(stdout, stderr));
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        String out = Files.readString(stdout);
        String err = Files.readString(stderr);
        System.out.println("client finished in " + elapsedMs + " ms, exit " + process.exitValue() + "\n--- stdout\n"
                + out + "--- stderr\n" + err + "---");

        assertThat(process.exitValue()).as(describe(stdout, stderr)).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines)
                .as(describe(stdout, stderr))
                .contains(
                        "driverClass=io.deltasql.jdbc.DeltaSqlDriver",
                        "inserted=2,1",
                        "count=2",
                        "size=30",
                        "version=1",
                        "logsVersion=1",
                        "logsCount=1",
                        "countAtV0=0",
                        "countAtV1=2",
                        "done");
        assertThat(err)
                .as("the jar's logging is quiet and self-contained (no SLF4J provider warnings, no pool chatter)")
                .doesNotContain("SLF4J")
                .doesNotContain("HikariPool");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("driverName=").hasSizeGreaterThan("driverName=".length()));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("productName=").hasSizeGreaterThan("productName=".length()));

        // The mirror is on by default (URL setting mirror=false turns it off) and writes on the
        // committing thread, so the log files exist once the client has exited.
        for (String table : List.of("events", "logs")) {
            Path log = work.resolve(table).resolve("_delta_log");
            assertThat(log.resolve("00000000000000000000.json")).isRegularFile();
            assertThat(log.resolve("00000000000000000001.json")).isRegularFile();
        }
        assertThat(Files.readString(work.resolve("events/_delta_log/00000000000000000001.json")))
                .contains("day=2024-01-01/a.parquet", "day=2024-01-02/b.parquet");
    }

    private static String describe(Path stdout, Path stderr) {
        return "client stdout:\n" + read(stdout) + "\nclient stderr:\n" + read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
