package io.deltasql.tests.readers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs an {@link ExternalReader} once over several tables in a child JVM and parses its JSON
 * report. The child's stdout and stderr go to files in the given directory (not pipes, so a
 * chatty reader cannot block); a reader that exits non-zero, prints no JSON or overruns its time
 * fails with its stderr.
 */
final class ExternalReaders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 20;

    private ExternalReaders() {}

    /** A table to read, and the timestamps (epoch ms) to ask the reader's timestamp time travel about. */
    record Request(Path table, List<Long> timestamps) {}

    /** The reports by table path, the reader's own figures (Spark: start-up and per-table ms) and the wall time. */
    record Run(
            ExternalReader reader,
            String readerName,
            Map<Path, ReaderReport> tables,
            JsonNode figures,
            long wallMillis) {
        ReaderReport table(Path path) {
            ReaderReport report = tables.get(path);
            if (report == null) {
                throw new IllegalStateException(
                        readerName + " did not report on " + path + "; it reported " + tables.keySet());
            }
            return report;
        }
    }

    static Run read(ExternalReader reader, Path workDir, List<Request> requests)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(workDir.resolve(reader.name().toLowerCase()));
        Path out = dir.resolve("stdout.json");
        Path err = dir.resolve("stderr.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short-lived JVM: the quick compiler alone halves Spark's time here.
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dir));
        command.addAll(reader.jvmOptions());
        command.addAll(List.of("-cp", reader.classPath(), reader.mainClass()));
        for (Request r : requests) {
            command.addAll(List.of(
                    "--table",
                    r.table().toString(),
                    "--timestamps",
                    r.timestamps().stream().map(String::valueOf).collect(Collectors.joining(","))));
        }
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(
                    reader + " did not finish within " + TIMEOUT_MINUTES + " min; stderr:\n" + tail(err));
        }
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0 || stdout.isEmpty()) {
            throw new AssertionError(reader + " failed (exit " + process.exitValue() + "); stderr:\n" + tail(err)
                    + "\nstdout:\n" + stdout);
        }
        JsonNode report;
        try {
            report = JSON.readTree(stdout.substring(stdout.lastIndexOf("\n{") + 1));
        } catch (IOException e) {
            throw new AssertionError(
                    reader + " printed no JSON report: " + e.getMessage() + "\nstdout:\n" + stdout + "\nstderr:\n"
                            + tail(err),
                    e);
        }
        String name = report.get("reader").asText();
        Map<Path, ReaderReport> tables = new LinkedHashMap<>();
        for (JsonNode table : report.get("tables")) {
            tables.put(Path.of(table.get("path").asText()), ReaderReport.parse(name, table));
        }
        return new Run(reader, name, tables, report, wallMillis);
    }

    /** The end of a log, enough to show an exception without flooding the failure message. */
    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no stderr)";
        return text.length() <= 8_000 ? text : "…" + text.substring(text.length() - 8_000);
    }
}
