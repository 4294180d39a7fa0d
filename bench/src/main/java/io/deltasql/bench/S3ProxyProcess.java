package io.deltasql.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3 server for the object-store scenario: s3proxy's executable jar (copied into
 * {@code bench/target/s3proxy/} by the build) in a child JVM, keeping objects in its memory, on a free
 * loopback port.
 */
final class S3ProxyProcess implements AutoCloseable {
    static final String ACCESS_KEY = "deltasql-bench-access";
    static final String SECRET_KEY = "deltasql-bench-secret";
    static final String REGION = "us-east-1";
    private static final Pattern LISTENING = Pattern.compile("Started ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)\\}");

    private final Process process;
    private final URI endpoint;

    private S3ProxyProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The jar the build copies next to the bench's classes, or {@code -Ddeltasql.bench.s3proxy=<jar>}. */
    static Path jar() {
        String given = System.getProperty("deltasql.bench.s3proxy");
        if (given != null) {
            return Path.of(given);
        }
        try {
            Path classes = Path.of(S3ProxyProcess.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classes.resolveSibling("s3proxy").resolve("s3proxy.jar");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static S3ProxyProcess start(Path workDir) throws IOException, InterruptedException {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy's jar is not at " + jar
                    + ": build the bench module (mvn -pl bench -am package) or give -Ddeltasql.bench.s3proxy=<jar>");
        }
        Path dir = Files.createDirectories(workDir.resolve("s3proxy"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.write(
                properties,
                List.of(
                        "s3proxy.endpoint=http://127.0.0.1:0",
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        // In memory: s3proxy's filesystem backends list a directory without objects PUT
                        // a moment before (S3 is strongly consistent), and Kernel lists while commits land.
                        "jclouds.provider=transient",
                        "jclouds.identity=" + ACCESS_KEY,
                        "jclouds.credential=" + SECRET_KEY),
                StandardCharsets.UTF_8);
        Path log = dir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--properties",
                        properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new S3ProxyProcess(p, URI.create("http://127.0.0.1:" + m.group(1)));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("s3proxy exited before it was ready:\n" + Files.readString(log));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("s3proxy did not start within 60 s:\n" + Files.readString(log));
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
