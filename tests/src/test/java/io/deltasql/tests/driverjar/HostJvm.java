package io.deltasql.tests.driverjar;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link IsolatedDriverHost} in a JVM whose class path holds that class and the host's own
 * old jars, nothing of deltasql: the driver jar is only named as an argument.
 */
final class HostJvm {
    private static final long TIMEOUT_SECONDS = 600;

    /** What the host printed ({@code key=value} lines, in order), its exit status and its whole output. */
    record Outcome(int exitCode, Map<String, String> facts, String output) {}

    private HostJvm() {}

    static Outcome run(Path work, Path driverJar, String mode, List<String> labelledUrls) throws Exception {
        Path classes = copyHostClasses(work.resolve("host-classes"));
        List<String> classPath = new ArrayList<>(List.of(classes.toString()));
        try (Stream<Path> jars = Files.list(DriverJars.hostJars())) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classPath.add(p.toString()));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                String.join(File.pathSeparator, classPath),
                IsolatedDriverHost.class.getName(),
                driverJar.toString(),
                work.toString(),
                mode));
        command.addAll(labelledUrls);
        Path log = work.resolve("host-" + mode + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("DELTASQL_CATALOG");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "the host JVM did not finish within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z0-9_.-]+")) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Outcome(process.exitValue(), facts, output);
    }

    /** The host program's class files (it and its nested classes), alone in a directory. */
    private static Path copyHostClasses(Path target) throws IOException, URISyntaxException {
        Path root = Path.of(IsolatedDriverHost.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String packagePath = IsolatedDriverHost.class.getPackageName().replace('.', '/');
        Path from = root.resolve(packagePath);
        Path to = Files.createDirectories(target.resolve(packagePath));
        try (Stream<Path> files = Files.list(from)) {
            files.filter(p -> p.getFileName().toString().startsWith(IsolatedDriverHost.class.getSimpleName()))
                    .forEach(p -> copy(p, to.resolve(p.getFileName().toString())));
        }
        return target;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
