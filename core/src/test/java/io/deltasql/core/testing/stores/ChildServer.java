package io.deltasql.core.testing.stores;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server running as a child process: its output is read line by line (the last lines are kept for error
 * messages), a line it prints when it listens can be waited for, and it is stopped when the JVM exits.
 */
final class ChildServer {
    private static final int TAIL_LINES = 60;

    private final String name;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private volatile boolean outputEnded;
    /** Once the awaited line was seen, output is only kept in the tail. */
    private volatile boolean listening;

    private ChildServer(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code command} in {@code workDir}, output and errors merged. The server owns {@code workDir}
     * (a temporary folder with its data): when the JVM exits it is stopped and the folder deleted.
     */
    static ChildServer start(String name, List<String> command, Path workDir) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
        ChildServer child = new ChildServer(name, process);
        Thread reader = new Thread(child::readOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            child.stop();
                            deleteTree(workDir);
                        },
                        name + "-stop"));
        return child;
    }

    /**
     * The first line (printed since the start) that {@code pattern} finds something in, waiting up to
     * {@code timeout}; the server is stopped and the error names its last lines when it exits or stays silent.
     */
    MatchResult awaitLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failure(
                            "did not print a line matching /" + pattern + "/ within " + timeout.toSeconds() + " s");
                }
                String line = unread.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                if (line != null) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        listening = true;
                        unread.clear();
                        return matcher.toMatchResult();
                    }
                } else if (outputEnded && unread.isEmpty()) {
                    throw failure("exited before it was ready" + exitCode());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted while waiting for it to start");
        }
    }

    /** Polls until the server answers an HTTP request at {@code url} (with any status: an unsigned one is refused). */
    void awaitHttp(URI url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(2000);
                try {
                    connection.getResponseCode();
                    return;
                } finally {
                    connection.disconnect();
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw failure("did not answer HTTP at " + url + " (" + e + ")");
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("was interrupted while waiting for it to answer HTTP");
            }
        }
    }

    /** An error naming this server, the reason and its last lines of output; the server is stopped. */
    IllegalStateException failure(String reason) {
        stop();
        return new IllegalStateException(name + " " + reason + "; its last output:\n" + tail());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Left in the temporary folder: the JVM is exiting and the data is a test's.
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private void readOutput() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                if (!listening) {
                    unread.add(line);
                }
            }
        } catch (IOException e) {
            // The process was stopped: its output ends here.
        } finally {
            outputEnded = true;
        }
    }
}
