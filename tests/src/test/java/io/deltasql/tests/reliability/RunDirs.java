package io.deltasql.tests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Working directories under {@code target/reliability/}, emptied at the start of a run and kept after it. */
final class RunDirs {
    private RunDirs() {}

    static Path fresh(String name) throws IOException {
        Path dir = Path.of("target", "reliability", name).toAbsolutePath();
        if (Files.exists(dir)) {
            makeWritable(dir);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    private static void makeWritable(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(p -> p.toFile().setWritable(true));
        }
    }
}
