package io.deltasql.core.testing.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3 server for tests: s3proxy ({@code core/target/test-servers/s3proxy.jar}, copied there by core's
 * build) in a child JVM, keeping objects in its memory (the transient backend: its filesystem backends list a
 * directory without objects another client PUT a moment before, which S3 itself, strongly consistent, never
 * does; the mirror's background checkpoints list while commits are written), on a free loopback
 * port, checking AWS signatures (v2 or v4) with the key pair below. One per test JVM, started on first use and
 * stopped when the JVM exits; tests share it, each class in buckets of its own.
 */
public final class S3TestServer {
    private static final String ACCESS_KEY = "deltasql-test-access-key";
    private static final String SECRET_KEY = "deltasql-test-secret-key";
    private static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Jetty's line once it listens, with the port it was given for port 0. */
    private static final Pattern LISTENING = Pattern.compile("Started ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)\\}");

    private static S3TestServer shared;

    private final ChildServer child;
    private final URI endpoint;
    private final Duration startupTime;
    private final S3Client admin;

    private S3TestServer(ChildServer child, URI endpoint, Duration startupTime) {
        this.child = child;
        this.endpoint = endpoint;
        this.startupTime = startupTime;
        this.admin = clientBuilder().build();
    }

    /** The server of this JVM, started on first call (a few seconds). */
    public static synchronized S3TestServer shared() {
        if (shared == null || !shared.child.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>}; buckets are addressed path-style ({@code /bucket/key}). */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** How long the server took from the start of its process until it answered HTTP. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Creates the bucket {@code name} (S3's rules: 3 to 63 lower-case letters, digits, dots and hyphens). */
    public String createBucket(String name) {
        admin.createBucket(b -> b.bucket(name));
        return name;
    }

    /**
     * An SDK client for this server: its keys and region, path-style, the JDK's URL connection, and request
     * checksums only where an operation requires them. s3proxy 2.9 refuses the SDK's default (an aws-chunked
     * body with a trailing CRC32, since SDK 2.30) with 400 "x-amz-content-sha256 does not match".
     */
    public S3ClientBuilder clientBuilder() {
        return clientBuilder(endpoint);
    }

    /** As {@link #clientBuilder()}, sent to {@code endpoint} instead (a {@link FaultProxy} in front of this server). */
    public S3ClientBuilder clientBuilder(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    private static S3TestServer start() {
        Path jar = TestServerFiles.require("s3proxy.jar", "s3proxy's executable jar");
        long started = System.nanoTime();
        Path workDir = createWorkDir();
        Path properties = workDir.resolve("s3proxy.properties");
        try {
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:0",
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=transient",
                            ""),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write s3proxy's settings in " + workDir, e);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ChildServer child = ChildServer.start(
                "s3proxy",
                List.of(
                        java.toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        "--properties",
                        properties.toString()),
                workDir);
        int port = Integer.parseInt(child.awaitLine(LISTENING, START_TIMEOUT).group(1));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        child.awaitHttp(endpoint, START_TIMEOUT.minusNanos(System.nanoTime() - started));
        return new S3TestServer(child, endpoint, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("deltasql-s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for s3proxy", e);
        }
    }
}
