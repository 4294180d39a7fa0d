package io.deltasql.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deltasql server} in a process of its own (the test's class path, a free port), with its
 * output collected; {@link #url()} is what its "ready" line announces.
 *
 * <p>The output goes to a file rather than a pipe: what a JVM prints in its shutdown hooks can be
 * lost from a pipe the parent JVM is reading when the child exits.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("connect with jdbc:deltasql:remote:(\\S+)");

    private final Process process;
    private final Path log;
    private final String url;

    private ServerProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts the server with {@code args} after {@code server --port 0 --catalog url}, allowing
     * tables under the temp directory (where tests put them) unless {@code args} name
     * {@code --allowed-locations}, and waits (up to 90 s) until it is ready.
     */
    static ServerProcess start(String catalogUrl, String... args) throws Exception {
        return start(Map.of(), catalogUrl, args);
    }

    /** As {@link #start(String, String...)}, with these environment variables added to the server's. */
    static ServerProcess start(Map<String, String> env, String catalogUrl, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--allowed-locations")) {
            all.addAll(List.of("--allowed-locations", System.getProperty("java.io.tmpdir")));
        }
        return startExactly(env, catalogUrl, all.toArray(String[]::new));
    }

    /** Starts the server with exactly {@code args} after {@code server --port 0 --catalog url}. */
    static ServerProcess startExactly(String catalogUrl, String... args) throws Exception {
        return startExactly(Map.of(), catalogUrl, args);
    }

    private static ServerProcess startExactly(Map<String, String> env, String catalogUrl, String... args)
            throws Exception {
        List<String> serverArgs = new ArrayList<>(List.of("server", "--port", "0", "--catalog", catalogUrl));
        serverArgs.addAll(List.of(args));
        List<String> command = CliProcess.command(serverArgs);
        Path log = Files.createTempFile("deltasql-server-", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new ServerProcess(p, log, m.group(1));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited before it was ready:\n" + Files.readString(log));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("server did not start within 90 s:\n" + Files.readString(log));
    }

    /** The server's URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return url;
    }

    /** Everything the server printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not stop within 60 s after SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
