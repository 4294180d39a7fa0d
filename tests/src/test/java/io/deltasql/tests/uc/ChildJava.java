package io.deltasql.tests.uc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run to its end in a JVM of its own, its stdout and stderr in files of its run
 * directory (a chatty program cannot block on a full pipe), no stdin. What the UC tests run this
 * way: Kernel's Unity Catalog client, the Kernel reader and the {@code deltasql} CLI.
 */
final class ChildJava {
    private ChildJava() {}

    /** How a run ended: its exit status and its two outputs. */
    record Finished(int exitCode, String stdout, Path stderrFile) {
        /** The end of stderr, enough to show an exception without flooding a failure message. */
        String stderrTail() {
            try {
                String text =
                        Files.exists(stderrFile) ? Files.readString(stderrFile, StandardCharsets.UTF_8) : "(no stderr)";
                return text.length() <= 8_000 ? text : "…" + text.substring(text.length() - 8_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String stderr() {
            try {
                return Files.readString(stderrFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Runs {@code mainClass} with {@code args} on {@code classPath} (small heap, quick start), its
     * files and temporary directory in {@code runDir}; a run over {@code timeout} is killed and fails.
     */
    static Finished run(Path runDir, String classPath, String mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        Path out = runDir.resolve("stdout.txt");
        Path err = runDir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + runDir,
                "-cp",
                classPath,
                mainClass));
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            Finished killed = new Finished(-1, "", err);
            throw new AssertionError(mainClass + " " + (args.isEmpty() ? "" : args.get(0)) + " did not finish within "
                    + timeout + "; stderr:\n" + killed.stderrTail());
        }
        return new Finished(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), err);
    }

    /**
     * The class path of a module that writes its runtime class path to {@code target/reader.classpath},
     * named by the surefire system property {@code property} (tests/pom.xml): its classes, then that file's.
     */
    static String moduleClassPath(String property) {
        String dir = System.getProperty(property);
        if (dir == null) {
            throw new IllegalStateException("system property " + property + " is not set (tests/pom.xml sets it)");
        }
        Path module = Path.of(dir);
        try {
            return module.resolve("target/classes")
                    + File.pathSeparator
                    + Files.readString(module.resolve("target/reader.classpath"))
                            .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no class path file in " + module + " (build the module first: mvn -pl tests -am …)", e);
        }
    }

    /** This module's own test class path (the CLI's, the server's). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
