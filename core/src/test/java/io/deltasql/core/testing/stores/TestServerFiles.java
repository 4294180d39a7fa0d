package io.deltasql.core.testing.stores;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where core's build puts the object-store servers that the tests start (core/target/test-servers, see
 * core's pom): named by the system property {@value #PROPERTY} that core's Surefire sets, else found beside
 * these classes when another module's tests load them from core's target folder (test-classes or test-jar).
 */
final class TestServerFiles {
    static final String PROPERTY = "deltasql.test.servers";

    private TestServerFiles() {}

    /** The installed file or folder {@code relative} (e.g. {@code s3proxy.jar}), or a clear error naming where it was looked for. */
    static Path require(String relative, String what) {
        Path path = directory().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(what + " is not at " + path
                    + ": core's build puts it there in process-test-resources (mvn -pl core process-test-resources),"
                    + " or name the folder that has it with -D" + PROPERTY + "=<folder>");
        }
        return path;
    }

    private static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path classes = Path.of(TestServerFiles.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classes.toAbsolutePath().getParent().resolve("test-servers");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(
                    "cannot tell where the test classes were loaded from; set -D" + PROPERTY, e);
        }
    }
}
