package io.deltasql.tests.uc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

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
        Path out = dir.resolve("stdout.json");
        Path err = dir.resolve("stderr.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dir,
                "-cp",
                classPath(),
                MAIN_CLASS,
                "--table",
                table.toString());
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("Kernel 4.3 reader did not finish; stderr:\n" + Files.readString(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || stdout.isEmpty()) {
            throw new AssertionError("Kernel 4.3 reader failed (exit " + p.exitValue() + "): " + stdout + "\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
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

    private static String classPath() throws IOException {
        String dir = System.getProperty("deltasql.kernel43Reader");
        if (dir == null) {
            throw new IllegalStateException("system property deltasql.kernel43Reader is not set (tests/pom.xml)");
        }
        Path module = Path.of(dir);
        return module.resolve("target/classes")
                + File.pathSeparator
                + Files.readString(module.resolve("target/reader.classpath")).strip();
    }
}
