package io.deltasql.core.testing.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The FaultProxy in front of the real servers, as the SDKs see each of its modes. */
class FaultProxyTest {
    private static S3TestServer s3Server;
    private static String bucket;
    private FaultProxy proxy;

    @BeforeAll
    static void startServers() {
        s3Server = S3TestServer.shared();
        bucket = s3Server.createBucket("fault-proxy-test");
        try (S3Client direct = s3Server.clientBuilder().build()) {
            direct.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void passesRequestsAndCountsThem() {
        proxy = FaultProxy.start(s3Server.endpoint());
        assertThat(proxy.endpoint().getPort()).isNotEqualTo(s3Server.endpoint().getPort());
        try (S3Client s3 = s3ThroughProxy()) {
            s3.putObject(b -> b.bucket(bucket).key("through-proxy"), RequestBody.fromString("proxied body"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("through-proxy"))
                            .asUtf8String())
                    .isEqualTo("proxied body");
        }
        assertThat(proxy.requests()).isEqualTo(2);
        assertThat(proxy.mode()).isEqualTo(FaultProxy.Mode.PASS);
    }

    @Test
    void failingWith503GivesTheSdksServiceErrorThenPassesAgain() {
        proxy = FaultProxy.start(s3Server.endpoint());
        try (S3Client s3 = s3ThroughProxy()) {
            assertThat(get(s3)).isEqualTo("v"); // a pooled connection that the 503 then arrives on

            proxy.fail503();
            assertThatThrownBy(() -> get(s3))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("w")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
            assertThat(proxy.requests()).isEqualTo(3);

            proxy.pass();
            assertThat(get(s3)).isEqualTo("v");
        }
    }

    @Test
    void theSdksStandardRetriesSendA503dRequestThreeTimes() {
        proxy = FaultProxy.start(s3Server.endpoint());
        proxy.fail503();
        try (S3Client s3 = s3Server.clientBuilder(proxy.endpoint())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build()) {
            assertThatThrownBy(() -> get(s3)).isInstanceOf(S3Exception.class);
        }
        assertThat(proxy.requests()).isEqualTo(3);
    }

    @Test
    void refusingGivesAConnectionErrorThenPassesAgain() {
        proxy = FaultProxy.start(s3Server.endpoint());
        try (S3Client s3 = s3ThroughProxy()) {
            assertThat(get(s3)).isEqualTo("v");

            proxy.refuse();
            assertThatThrownBy(() -> get(s3))
                    .isInstanceOf(SdkClientException.class)
                    .hasCauseInstanceOf(IOException.class);

            proxy.pass();
            assertThat(get(s3)).isEqualTo("v");
        }
        assertThat(proxy.connections()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void delaysEachNewConnectionAndRequest() {
        proxy = FaultProxy.start(s3Server.endpoint());
        try (S3Client s3 = s3ThroughProxy()) {
            proxy.delay(Duration.ofMillis(300));
            long started = System.nanoTime();
            assertThat(get(s3)).isEqualTo("v");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            proxy.pass();
            started = System.nanoTime();
            assertThat(get(s3)).isEqualTo("v");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void refusingClosesConnectionsAlreadyOpen() throws IOException {
        proxy = FaultProxy.start(s3Server.endpoint());
        try (Socket socket =
                new Socket(proxy.endpoint().getHost(), proxy.endpoint().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes("HTTP/1.1 ".length() + 3);
            assertThat(new String(status, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 ");

            proxy.refuse();
            assertThat(readToEnd(in)).isTrue();
        }
    }

    @Test
    void failsAndRefusesForTheAzureSdkToo() {
        AzuriteTestServer azurite = AzuriteTestServer.shared();
        String container = azurite.createContainer("fault-proxy-test");
        proxy = FaultProxy.start(azurite.blobEndpoint());
        assertThat(proxy.endpoint().getPath()).isEqualTo("/devstoreaccount1");
        BlobClient blob = azurite.clientBuilder(proxy.endpoint())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, (Integer) null, null, null, null))
                .buildClient()
                .getBlobContainerClient(container)
                .getBlobClient("blob");
        blob.upload(BinaryData.fromString("through the proxy"));

        proxy.fail503();
        assertThatThrownBy(blob::downloadContent)
                .isInstanceOfSatisfying(
                        BlobStorageException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(503));

        proxy.refuse();
        assertThatThrownBy(blob::downloadContent)
                .isNotInstanceOf(BlobStorageException.class)
                .satisfies(e ->
                        assertThat(hasIoCause(e)).as("an I/O error in " + e).isTrue());

        proxy.pass();
        assertThat(blob.downloadContent().toString()).isEqualTo("through the proxy");
    }

    @Test
    void refusesATargetThatIsNotHttp() {
        assertThatThrownBy(() -> FaultProxy.start(URI.create("https://127.0.0.1:443")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://host:port");
    }

    private S3Client s3ThroughProxy() {
        return s3Server.clientBuilder(proxy.endpoint())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static String get(S3Client s3) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String();
    }

    /** Reads what is left until the connection ends; false if it stays open (the read times out). */
    private static boolean readToEnd(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the rest of the answer before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed too
        }
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
