package io.deltasql.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds {@code ../shared/delta-golden} (the Delta golden tables, read in place) from the test's
 * working directory. Absent: the test is skipped with a one-line notice, except under
 * {@code CI=true}, where absence fails it.
 */
public final class GoldenTables {
    private GoldenTables() {}

    public static Optional<Path> root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : new Path[] {
                p.resolve("shared/delta-golden"), p.resolveSibling("shared").resolve("delta-golden")
            }) {
                if (candidate != null && Files.isDirectory(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    public static Path requireRoot() {
        Optional<Path> root = root();
        if (root.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("../shared/delta-golden not found, and CI=true requires the golden tables");
            }
            Assumptions.assumeTrue(false, "../shared/delta-golden not found, skipping golden-table tests");
        }
        return root.get();
    }
}
