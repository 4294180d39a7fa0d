package io.deltasql.tests.uc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Delta Kernel 4.3 reading a table by path, from its published {@code _delta_log} alone (no
 * catalog): the reader module {@code readers/kernel43-reader} ({@code KernelReaderMain}) in a JVM of
 * its own on its {@code target/reader.classpath}, as the reader conformance tests run it.
 */
final class Kernel43PathReader {
    private static final String MAIN_CLASS = "io.deltasql.readers.kernel.KernelReaderMain";

    private Kernel43PathReader() {}

    /** Per version the sorted active file paths, or {@code "error: …"} for a version Kernel refused. */
    record Seen(String tableError, Map<Long, List<String>> files) {}

    static Seen read(Path table, Path workDir) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "kernel43-");
        ChildJava.Finished run = ChildJava.run(
                dir,
                ChildJava.moduleClassPath("deltasql.kernel43Reader"),
                MAIN_CLASS,
                List.of("--table", table.toString()),
                Duration.ofMinutes(5));
        String stdout = run.stdout().strip();
        if (run.exitCode() != 0 || stdout.isEmpty()) {
            throw new AssertionError(
                    "Kernel 4.3 reader failed (exit " + run.exitCode() + "): " + stdout + "\n" + run.stderrTail());
        }
        JsonNode t = UcJson.parse(stdout.substring(stdout.lastIndexOf("\n{") + 1))
                .get("tables")
                .get(0);
        Map<Long, List<String>> files = new TreeMap<>();
        for (JsonNode v : t.path("versions")) {
            if (v.hasNonNull("error")) {
                files.put(
                        v.get("version").asLong(),
                        List.of("error: " + v.get("error").asText()));
                continue;
            }
            TreeSet<String> paths = new TreeSet<>();
            for (JsonNode f : v.get("files")) {
                paths.add(f.get("path").asText());
            }
            files.put(v.get("version").asLong(), new ArrayList<>(paths));
        }
        return new Seen(t.hasNonNull("error") ? t.get("error").asText() : null, files);
    }
}
