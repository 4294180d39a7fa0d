package io.deltasql.tests.driverjar;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.tests.reliability.ServerJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote-only driver jar ({@code deltasql-jdbc-remote-<version>.jar}) where a SQL tool puts it:
 * in a class loader of its own inside a JVM with an older PostgreSQL driver and Jackson (see
 * {@link IsolatedDriverHost}), it runs the README tour against a deltasql server, refuses a direct
 * catalog URL, and leaves the host's driver and Jackson alone. It holds deltasql's front classes,
 * Avatica's client and its libraries, all third-party classes relocated (but Avatica's protocol
 * messages, whose names the protocol carries), and registers only
 * deltasql's driver.
 */
class RemoteDriverJarInToolClassLoaderTest {
    @Test
    void remoteJarHoldsOnlyTheFrontAndAvaticasClientRelocated() throws Exception {
        JarContents jar = JarContents.of(DriverJars.remote());

        assertThat(jar.classesOutsideDeltasql(List.of(DriverJarInToolClassLoaderTest.AVATICA_PROTOCOL)))
                .as("classes under third-party names")
                .isEmpty();
        assertThat(jar.names())
                .as("the in-process engine and what only it needs")
                .noneMatch(n -> n.startsWith("io/deltasql/jdbc/local/")
                        || n.startsWith("io/deltasql/core/")
                        || n.startsWith("io/deltasql/calcite/")
                        || n.startsWith("io/deltasql/shaded/org/apache/calcite/jdbc/")
                        || n.startsWith("io/deltasql/shaded/org/apache/hadoop/")
                        || n.startsWith("org/sqlite/"));
        assertThat(jar.names())
                .contains(
                        "io/deltasql/jdbc/DeltaSqlDriver.class",
                        "io/deltasql/shaded/org/apache/calcite/avatica/remote/Driver.class");
        assertThat(jar.services()).containsEntry("java.sql.Driver", List.of("io.deltasql.jdbc.DeltaSqlDriver"));
        jar.services().forEach((type, implementations) -> {
            if (!type.equals("java.sql.Driver")) {
                assertThat(type).as("service type").startsWith("io.deltasql.shaded.");
                assertThat(implementations)
                        .as("implementations of " + type)
                        .allMatch(c -> c.startsWith("io.deltasql.shaded."));
            }
        });
        assertThat(jar.rootFiles()).isEmpty();
        System.out.println("remote driver jar " + DriverJars.remote().getFileName() + ": "
                + Files.size(DriverJars.remote()) + " bytes");
    }

    @Test
    void remoteJarRunsTheTourAgainstAServerInAToolsClassLoader(@TempDir Path dir) throws Exception {
        Path work = dir.toRealPath();
        Path driverJar = DriverJars.remote();
        try (ServerJvm server = ServerJvm.start(
                work.resolve("server.log"),
                "jdbc:sqlite:" + work.resolve("server-catalog.db"),
                "--allowed-locations",
                work.toString())) {
            HostJvm.Outcome host =
                    HostJvm.run(work, driverJar, "remote", List.of("remote=jdbc:deltasql:remote:" + server.url()));
            System.out.println(host.output());
            Map<String, String> facts = host.facts();
            assertThat(host.exitCode())
                    .as(host.output() + "\nserver:\n" + server.output())
                    .isZero();
            assertThat(facts)
                    .as(host.output())
                    .containsEntry("driverFromJar", "true")
                    .containsEntry("remote.versions", "events:2,logs:1")
                    .containsEntry("remote.history", "0:0:0,1:1:0,2:1:1")
                    .containsEntry("remote.filesNow", "region=us/part-0.parquet")
                    .containsEntry("remote.filesAtV1", "region=eu/part-0.parquet")
                    .containsEntry("remote.partitions", "us:1:2048")
                    .containsEntry("remote.unicodeLiteral", "0")
                    .containsEntry("directCatalogFileMade", "false")
                    .containsEntry("contextLoaderIsTheHosts", "true")
                    .containsEntry("jarShowsJackson", "false")
                    .containsEntry("jarShowsPostgres", "false")
                    .containsEntry("jarShowsCalcite", "false")
                    .containsEntry("jarShowsAvatica", "false")
                    .containsEntry("hostPostgresDriver", "org.postgresql.Driver 42.2 (the host's)")
                    .containsEntry("hostVisibleDrivers", "org.postgresql.Driver")
                    .containsEntry("hostJackson", "2.12.7 (the host's)")
                    .containsEntry("hostJacksonWrites", "[\"ok\"]")
                    .containsEntry("done", "true");
            assertThat(facts.get("directCatalog")).startsWith("08001 ").contains("remote-only", "deltasql-jdbc-");
            // The server mirrored the tour's commits.
            assertThat(work.resolve("remote/events/_delta_log/00000000000000000002.json"))
                    .isRegularFile();
        }
    }
}
