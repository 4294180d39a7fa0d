package io.deltasql.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deltasql server} in a process of its own (the test's class path, a free port), with its
 * output collected; {@link #url()} is what its "ready" line announces.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("connect with jdbc:deltasql:remote:(\\S+)");

    private final Process process;
    private final StringBuffer output;
    private final String url;

    private ServerProcess(Process process, StringBuffer output, String url) {
        this.process = process;
        this.output = output;
        this.url = url;
    }

    /** Starts the server with {@code args} after {@code server --port 0 --catalog url}, and waits (up to 90 s) until it is ready. */
    static ServerProcess start(String catalogUrl, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.deltasql.server.cli.DeltaSqlCli", "server", "--port", "0", "--catalog", catalogUrl));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
            ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(p, out, ready.get(90, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("server did not start: " + e.getMessage() + "\n" + out, e);
        }
    }

    /** The server's URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return url;
    }

    /** Everything the server printed so far. */
    String output() {
        return output.toString();
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
