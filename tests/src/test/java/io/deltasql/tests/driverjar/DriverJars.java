package io.deltasql.tests.driverjar;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the driver module's {@code package} phase wrote the driver jars and where this module
 * copied the host's own jars (system properties set in this module's pom). A missing file skips
 * the test with a notice (e.g. {@code mvn test} on a clean tree), except under {@code CI=true}.
 */
final class DriverJars {
    private DriverJars() {}

    /** {@code driver/target/deltasql-jdbc-<version>.jar}: everything, for direct catalogs. */
    static Path full() {
        return existing("deltasql.driverJar");
    }

    /** {@code driver/target/deltasql-jdbc-remote-<version>.jar}: {@code jdbc:deltasql:remote:} only. */
    static Path remote() {
        return existing("deltasql.remoteDriverJar");
    }

    /** The old PostgreSQL driver and Jackson of the host JVM. */
    static Path hostJars() {
        return existing("deltasql.hostJars");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            fail("system property " + property + " (set by tests/pom.xml)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            String notice =
                    path + " not found: run `mvn package` (the driver module's package phase writes the driver jars,"
                            + " this module's generate-test-resources phase copies the host's jars)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(notice);
            }
            System.out.println("SKIPPED: " + notice);
            assumeTrue(false, notice);
        }
        return path;
    }
}
