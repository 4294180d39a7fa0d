package io.deltasql.tests.driverjar;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.stores.S3TestServer;
import io.deltasql.tests.reliability.ServerJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full driver jar ({@code deltasql-jdbc-<version>.jar}) where a SQL tool puts it: loaded in a
 * class loader of its own inside a JVM that has its own, older PostgreSQL driver and Jackson
 * (see {@link IsolatedDriverHost}). The README tour runs on every catalog database of the test
 * run, the mirror writes the log and a Parquet checkpoint, import and verify work from the jar, and
 * the host keeps its own driver and Jackson. The jar holds no class under a third-party name
 * (except the JNI libraries', whose native functions are bound to their original names, and
 * Avatica's protocol messages, whose names the protocol carries) and registers only deltasql's
 * driver. The jar's {@code jdbc:deltasql:remote:} runs the tour against a server too.
 */
class DriverJarInToolClassLoaderTest {
    /** sqlite-jdbc, snappy-java and zstd-jni: their natives name their Java classes, so they keep their names. */
    static final List<String> JNI_PACKAGES = List.of("org/sqlite/", "org/xerial/snappy/", "com/github/luben/zstd/");
    /** Avatica's protobuf protocol sends each message's class name: a server only knows the original ones. */
    static final String AVATICA_PROTOCOL = "org/apache/calcite/avatica/proto/";

    @Test
    void fullJarHoldsOnlyDeltasqlNamesAndRegistersOnlyItsDriver() throws Exception {
        JarContents jar = JarContents.of(DriverJars.full());

        List<String> allowed = new ArrayList<>(JNI_PACKAGES);
        allowed.add(AVATICA_PROTOCOL);
        assertThat(jar.classesOutsideDeltasql(allowed))
                .as("classes under third-party names")
                .isEmpty();
        assertThat(jar.services()).containsEntry("java.sql.Driver", List.of("io.deltasql.jdbc.DeltaSqlDriver"));
        jar.services().forEach((type, implementations) -> {
            if (!type.equals("java.sql.Driver")) {
                assertThat(type).as("service type").startsWith("io.deltasql.shaded.");
                assertThat(implementations)
                        .as("implementations of " + type)
                        .allMatch(c -> c.startsWith("io.deltasql.shaded."));
            }
        });
        // Root names are read by whatever library asks for them: only sqlite-jdbc's own (not relocated) stays.
        assertThat(jar.rootFiles()).containsExactly("sqlite-jdbc.properties");
        assertThat(jar.contains("io/deltasql/shaded/saffron.properties"))
                .as("Calcite's settings under a private name")
                .isTrue();

        List<String> natives = jar.names().stream()
                .filter(n -> n.matches(".*\\.(so|dll|dylib|jnilib|a)$"))
                .toList();
        assertThat(natives)
                .allMatch(n -> n.matches("org/sqlite/native/(Linux|Mac|Windows)/(x86_64|aarch64)/[^/]+")
                        || n.matches("org/xerial/snappy/native/(Linux|Mac|Windows)/(x86_64|aarch64)/[^/]+")
                        || n.matches("(linux|darwin|win)/(amd64|x86_64|aarch64)/libzstd-jni[^/]+"));
        for (String platform : List.of(
                "Linux/x86_64", "Linux/aarch64", "Mac/x86_64", "Mac/aarch64", "Windows/x86_64", "Windows/aarch64")) {
            assertThat(natives)
                    .as("SQLite for " + platform)
                    .anyMatch(n -> n.startsWith("org/sqlite/native/" + platform + "/"));
        }
        System.out.println(
                "driver jar " + DriverJars.full().getFileName() + ": " + Files.size(DriverJars.full()) + " bytes");
    }

    @Test
    void fullJarRunsTheTourOnEveryCatalogInAToolsClassLoader(@TempDir Path dir) throws Exception {
        Path work = dir.toRealPath();
        List<CatalogTarget.TestCatalog> servers = new ArrayList<>();
        ServerJvm server = null;
        try {
            List<String> catalogs =
                    new ArrayList<>(List.of("sqlite=jdbc:deltasql:sqlite:" + work.resolve("catalog.db")));
            for (CatalogTarget target :
                    CatalogTargets.all().filter(t -> !t.name().equals("sqlite")).toList()) {
                CatalogTarget.TestCatalog db = target.create();
                servers.add(db);
                catalogs.add(target.name() + "=jdbc:deltasql:" + db.jdbcUrl().substring("jdbc:".length()));
            }

            server = ServerJvm.start(
                    work.resolve("server.log"),
                    "jdbc:sqlite:" + work.resolve("server-catalog.db"),
                    "--allowed-locations",
                    work.toString());
            catalogs.add("remote=jdbc:deltasql:remote:" + server.url());
            S3TestServer s3 = S3TestServer.shared();
            String bucket =
                    s3.createBucket("jar-" + UUID.randomUUID().toString().substring(0, 8));
            List<String> hostArgs = new ArrayList<>(catalogs);
            hostArgs.add(
                    "objectstore=s3://" + bucket + "/remote_t|jdbc:deltasql:sqlite:" + work.resolve("s3-catalog.db")
                            + "?fs.s3a.endpoint=" + s3.endpoint() + "&fs.s3a.access.key=" + s3.accessKey()
                            + "&fs.s3a.secret.key=" + s3.secretKey() + "&fs.s3a.path.style.access=true"
                            + "&fs.s3a.endpoint.region=" + s3.region());

            HostJvm.Outcome host = HostJvm.run(work, DriverJars.full(), "local", hostArgs);
            System.out.println(host.output());
            Map<String, String> facts = host.facts();
            assertThat(host.exitCode()).as(host.output()).isZero();
            // In someone else's application the driver prints nothing on its own: routine work logs at DEBUG.
            assertThat(host.output()
                            .lines()
                            .filter(l -> l.startsWith("INFO:") || l.startsWith("WARNING:") || l.startsWith("SEVERE:"))
                            .toList())
                    .as(host.output())
                    .isEmpty();
            assertThat(facts)
                    .as(host.output())
                    .containsEntry("driverFromJar", "true")
                    .containsEntry("contextLoaderIsTheHosts", "true")
                    .containsEntry("jarShowsJackson", "false")
                    .containsEntry("jarShowsPostgres", "false")
                    .containsEntry("jarShowsCalcite", "false")
                    .containsEntry("jarShowsAvatica", "false")
                    .containsEntry("hostPostgresDriver", "org.postgresql.Driver 42.2 (the host's)")
                    .containsEntry("hostVisibleDrivers", "org.postgresql.Driver")
                    .containsEntry("hostJackson", "2.12.7 (the host's)")
                    .containsEntry("hostJacksonWrites", "[\"ok\"]")
                    .containsEntry("objectstore.mirror", "1:1:0")
                    .containsEntry("done", "true");
            for (String catalog : catalogs) {
                String label = catalog.substring(0, catalog.indexOf('='));
                assertThat(facts)
                        .as(label + "\n" + host.output())
                        .containsEntry(label + ".versions", "events:2,logs:1")
                        .containsEntry(label + ".history", "0:0:0,1:1:0,2:1:1")
                        .containsEntry(label + ".filesNow", "region=us/part-0.parquet")
                        .containsEntry(label + ".filesAtV1", "region=eu/part-0.parquet")
                        .containsEntry(label + ".partitions", "us:1:2048")
                        .containsEntry(label + ".unicodeLiteral", "0");
                if (label.equals("remote")) {
                    // The server mirrors; the jar's part is the tour above.
                    continue;
                }
                assertThat(facts.get(label + ".deltaLog"))
                        .as(label + " mirrored log")
                        .contains(
                                "00000000000000000000.json",
                                "00000000000000000001.json",
                                "00000000000000000002.json",
                                "00000000000000000002.checkpoint.parquet",
                                "_last_checkpoint");
            }
            assertThat(facts).as(host.output()).containsEntry("sqlite.importedVersion", "2");
            assertThat(facts.get("sqlite.verifyOriginal")).as(host.output()).startsWith("true ");
            assertThat(facts.get("sqlite.verifyImported")).as(host.output()).startsWith("true ");
        } finally {
            if (server != null) {
                server.close();
            }
            for (CatalogTarget.TestCatalog db : servers) {
                db.close();
            }
        }
    }
}
