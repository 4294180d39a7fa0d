package io.deltasql.tests.uc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        ChildJava.Finished f = ChildJava.run(
                runDir,
                ChildJava.testClassPath(),
                "io.deltasql.server.cli.DeltaSqlCli",
                List.of(args),
                Duration.ofSeconds(TIMEOUT_SECONDS));
        return new Output(f.exitCode(), f.stdout(), f.stderr());
    }
}
