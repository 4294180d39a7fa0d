package io.deltasql.tests.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Delta Kernel 4.3's own Unity Catalog client ({@code readers/uc-client}, {@code UcClientMain}) in a
 * JVM of its own against a server's UC REST API, as the external readers are run: on the module's
 * {@code target/classes} and {@code target/reader.classpath} (named by the surefire property
 * {@code deltasql.ucClient}), stdout and stderr in files so a chatty client cannot block. Unlike the
 * readers, a non-zero exit is a result here (2: the commit failed, 1: anything else), not a test failure.
 */
public final class UcClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN_CLASS = "io.deltasql.readers.uc.UcClientMain";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private final String uri;
    private final String token;
    private final Path workDir;
    private final Duration timeout;
    private int runs;

    /** A client for the server at {@code uri} (e.g. {@code http://127.0.0.1:8765}); logs go under {@code workDir}. */
    public UcClient(String uri, String token, Path workDir) {
        this(uri, token, workDir, DEFAULT_TIMEOUT);
    }

    public UcClient(String uri, String token, Path workDir, Duration timeout) {
        this.uri = uri;
        this.token = token;
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /** The table arguments every command takes. */
    public record Table(String tableId, String location, String name) {}

    /** The exit code, the one JSON object printed and the end of stderr. */
    public record Result(int exitCode, JsonNode json, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The committed or loaded version; fails with the client's error otherwise. */
        public long version() {
            if (!ok() || !json.has("version")) {
                throw new AssertionError("uc-client failed (exit " + exitCode + "): " + json + "\nstderr:\n" + stderr);
            }
            return json.get("version").asLong();
        }
    }

    public Result create(Table table, String schemaJson, List<String> partitionColumns, String... extra)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--schema", schemaJson));
        if (!partitionColumns.isEmpty()) {
            args.addAll(List.of("--partition-columns", String.join(",", partitionColumns)));
        }
        args.addAll(List.of(extra));
        return run("create", table, args);
    }

    public Result append(Table table, String rowsJson, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--rows", rowsJson));
        args.addAll(List.of(extra));
        return run("append", table, args);
    }

    public Result read(Table table) throws IOException, InterruptedException {
        return run("read", table, List.of());
    }

    public Result read(Table table, long version) throws IOException, InterruptedException {
        return run("read", table, List.of("--version", String.valueOf(version)));
    }

    public Result publish(Table table) throws IOException, InterruptedException {
        return run("publish", table, List.of());
    }

    /** Any command with any extra arguments (e.g. a wrong token or table id). */
    public Result run(String command, Table table, List<String> extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--uri",
                uri,
                "--token",
                token,
                "--table-id",
                table.tableId(),
                "--location",
                table.location(),
                "--name",
                table.name()));
        args.addAll(extra);
        return launch(args);
    }

    private synchronized Path nextRunDir(String command) throws IOException {
        return Files.createDirectories(workDir.resolve("uc-client-" + (++runs) + "-" + command));
    }

    private Result launch(List<String> args) throws IOException, InterruptedException {
        ChildJava.Finished f = ChildJava.run(
                nextRunDir(args.get(0)), ChildJava.moduleClassPath("deltasql.ucClient"), MAIN_CLASS, args, timeout);
        String stdout = f.stdout().strip();
        JsonNode json;
        try {
            json = JSON.readTree(stdout);
        } catch (IOException e) {
            throw new AssertionError(
                    "uc-client printed no JSON (exit " + f.exitCode() + "): " + stdout + "\nstderr:\n" + f.stderrTail(),
                    e);
        }
        if (json == null || !json.isObject()) {
            throw new AssertionError("uc-client printed no JSON object (exit " + f.exitCode() + "): " + stdout
                    + "\nstderr:\n" + f.stderrTail());
        }
        return new Result(f.exitCode(), json, f.stderrTail());
    }
}
