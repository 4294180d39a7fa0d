package io.deltasql.core.testing.stores;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real Azure Blob Storage server for tests: Azurite's blob service (installed from npm into
 * {@code core/target/test-servers/azurite} by core's build) run by Node.js in a child process, storing blobs
 * in a temporary folder, on a free loopback port, checking Shared Key signatures of the emulator's well-known
 * account. One per test JVM, started on first use and stopped when the JVM exits; each test class uses
 * containers of its own.
 */
public final class AzuriteTestServer {
    /** The emulator's account and key, the same in every Azurite (they are documented publicly). */
    private static final String ACCOUNT_NAME = "devstoreaccount1";

    private static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Azurite's line once it listens, with the port it was given for port 0. */
    private static final Pattern LISTENING = Pattern.compile("successfully listens on http://127\\.0\\.0\\.1:(\\d+)");

    private static AzuriteTestServer shared;

    private final ChildServer child;
    private final URI blobEndpoint;
    private final Duration startupTime;
    private final BlobServiceClient admin;

    private AzuriteTestServer(ChildServer child, URI blobEndpoint, Duration startupTime) {
        this.child = child;
        this.blobEndpoint = blobEndpoint;
        this.startupTime = startupTime;
        this.admin = clientBuilder().buildClient();
    }

    /** The server of this JVM, started on first call (about a second). */
    public static synchronized AzuriteTestServer shared() {
        if (shared == null || !shared.child.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>/devstoreaccount1}: the account in the path, as Azurite addresses it. */
    public URI blobEndpoint() {
        return blobEndpoint;
    }

    public String accountName() {
        return ACCOUNT_NAME;
    }

    public String accountKey() {
        return ACCOUNT_KEY;
    }

    /** How long the server took from the start of its process until it answered HTTP. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Creates the container {@code name} (Azure's rules: 3 to 63 lower-case letters, digits and hyphens). */
    public String createContainer(String name) {
        admin.createBlobContainer(name);
        return name;
    }

    /** An SDK client for this server: the account's Shared Key and the JDK's HTTP client (no Netty). */
    public BlobServiceClientBuilder clientBuilder() {
        return clientBuilder(blobEndpoint);
    }

    /** As {@link #clientBuilder()}, sent to {@code endpoint} instead (a {@link FaultProxy} in front of this server). */
    public BlobServiceClientBuilder clientBuilder(URI endpoint) {
        return new BlobServiceClientBuilder()
                .endpoint(endpoint.toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT_NAME, ACCOUNT_KEY))
                .httpClient(new JdkHttpClientBuilder().build());
    }

    private static AzuriteTestServer start() {
        Path main = TestServerFiles.require(
                "azurite/node_modules/azurite/dist/src/blob/main.js", "Azurite's blob service (npm package azurite)");
        long started = System.nanoTime();
        Path workDir = createWorkDir();
        ChildServer child = ChildServer.start(
                "Azurite",
                List.of(
                        "node",
                        main.toString(),
                        "--blobHost",
                        "127.0.0.1",
                        "--blobPort",
                        "0",
                        "--location",
                        workDir.toString(),
                        "--skipApiVersionCheck",
                        "--loose",
                        "--silent",
                        "--disableTelemetry"),
                workDir);
        int port = Integer.parseInt(child.awaitLine(LISTENING, START_TIMEOUT).group(1));
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT_NAME);
        child.awaitHttp(endpoint, START_TIMEOUT.minusNanos(System.nanoTime() - started));
        return new AzuriteTestServer(child, endpoint, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("deltasql-azurite-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for Azurite", e);
        }
    }
}
