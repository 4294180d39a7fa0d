package io.deltasql.tests.uc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Working directories of these tests under {@code target/uc/}, one fresh per test, kept after it. */
final class UcRuns {
    private UcRuns() {}

    static Path fresh(String name) throws IOException {
        return Files.createDirectories(Path.of(
                        "target",
                        "uc",
                        name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath());
    }

    /** A new catalog-managed table for the UC client: a random table id, a location under {@code dir}. */
    static UcClient.Table newTable(Path dir, String name) {
        return new UcClient.Table(
                UUID.randomUUID().toString(), dir.resolve(name).toString(), fullName(name));
    }

    static String fullName(String name) {
        return "deltasql.default." + name;
    }
}
