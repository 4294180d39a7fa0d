package io.deltasql.server;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@code deltasql} command line in a JVM of its own, as a user runs it: exit status, stdout and stderr. */
final class CliProcess {
    private CliProcess() {}

    /** Exit status and what the command printed on stdout and on stderr. */
    record Result(int status, String stdout, String stderr) {
        /** Everything printed, stdout then stderr. */
        String output() {
            return stdout + stderr;
        }

        /** The lines printed on stderr. */
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    /** The command line running {@code deltasql args} on the test's class path, in a new JVM. */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.deltasql.server.cli.DeltaSqlCli"));
        command.addAll(args);
        return command;
    }

    static Result run(String... args) throws Exception {
        return run(Map.of(), null, args);
    }

    /** Runs {@code deltasql args} with these environment variables added and standard input from {@code stdin} (null: none). */
    static Result run(Map<String, String> env, Path stdin, String... args) throws Exception {
        List<String> command = command(List.of(args));
        Path out = Files.createTempFile("deltasql-cli-", ".out");
        Path err = Files.createTempFile("deltasql-cli-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(stdin == null ? new File("/dev/null") : stdin.toFile()));
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("deltasql " + args[0] + " did not finish in 120 s:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
