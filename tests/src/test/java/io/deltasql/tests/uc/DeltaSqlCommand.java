package io.deltasql.tests.uc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code deltasql} CLI command ({@code DeltaSqlCli}, what {@code bin/deltasql} runs) in a JVM of its
 * own on this module's test class path, with stdout and stderr kept apart in files under a directory.
 */
final class DeltaSqlCommand {
    private static final long TIMEOUT_SECONDS = 180;

    private DeltaSqlCommand() {}

    /** The exit status and the two output streams of a finished command. */
    record Output(int exitCode, String stdout, String stderr) {}

    static Output run(Path dir, String... args) throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory(Files.createDirectories(dir), "cli-" + args[0] + "-");
        Path out = runDir.resolve("stdout.txt");
        Path err = runDir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.deltasql.server.cli.DeltaSqlCli"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("deltasql " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS
                    + " s; stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Output(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
