package io.deltasql.core.internal.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client of one bucket from the S3A settings Spark users write: {@code fs.s3a.endpoint}
 * (with or without {@code http(s)://}; {@code fs.s3a.connection.ssl.enabled=false} picks http for
 * a bare host), {@code fs.s3a.endpoint.region}, {@code fs.s3a.path.style.access},
 * {@code fs.s3a.access.key} / {@code fs.s3a.secret.key} / {@code fs.s3a.session.token},
 * {@code fs.s3a.connection.establish.timeout} and {@code fs.s3a.connection.timeout} (milliseconds),
 * each also as {@code fs.s3a.bucket.<bucket>.<key>}. Without keys, the SDK's default chain
 * (environment, system properties, profiles, container and instance roles).
 */
final class S3Clients {
    private static final long EXPECT_CONTINUE_FROM_BYTES = 1L << 20;

    private S3Clients() {}

    static S3Client create(StoreSettings settings, String bucket) {
        Optional<String> endpoint = settings.forBucket(bucket, "endpoint");
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(millis(settings, bucket, "connection.establish.timeout", 10_000))
                        .socketTimeout(millis(settings, bucket, "connection.timeout", 60_000)))
                .credentialsProvider(credentials(settings, bucket))
                .forcePathStyle(settings.forBucket(bucket, "path.style.access")
                        .map(v -> v.equalsIgnoreCase("true"))
                        .orElse(false))
                // S3-compatible servers (and older S3 APIs) do not all take the SDK's default
                // trailing checksums; compute them only where the API requires one.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // A commit file goes in one round trip: asking "100-continue?" first costs a second one,
                // worth it only for bodies (checkpoints) large enough that a refusal saves sending them.
                .serviceConfiguration(S3Configuration.builder()
                        .expectContinueThresholdInBytes(EXPECT_CONTINUE_FROM_BYTES)
                        .build());
        Optional<String> region = settings.forBucket(bucket, "endpoint.region");
        if (endpoint.isPresent()) {
            b.endpointOverride(endpointUri(settings, bucket, endpoint.get()));
            b.region(Region.of(region.orElse("us-east-1")));
        } else {
            b.region(region.map(Region::of).orElseGet(S3Clients::defaultRegion));
            // A bucket in another region than the client's is followed there, as S3A does.
            b.crossRegionAccessEnabled(true);
        }
        return b.build();
    }

    private static AwsCredentialsProvider credentials(StoreSettings settings, String bucket) {
        Optional<String> access = settings.forBucket(bucket, "access.key");
        Optional<String> secret = settings.forBucket(bucket, "secret.key");
        if (access.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException("S3 bucket '" + bucket + "': give both fs.s3a.access.key and"
                    + " fs.s3a.secret.key, or neither (then the AWS default credential chain is used)");
        }
        if (access.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        Optional<String> token = settings.forBucket(bucket, "session.token");
        return StaticCredentialsProvider.create(
                token.isPresent()
                        ? AwsSessionCredentials.create(access.get(), secret.get(), token.get())
                        : AwsBasicCredentials.create(access.get(), secret.get()));
    }

    private static URI endpointUri(StoreSettings settings, String bucket, String endpoint) {
        String e = endpoint.toLowerCase(Locale.ROOT);
        if (e.startsWith("http://") || e.startsWith("https://")) {
            return URI.create(endpoint);
        }
        boolean ssl = settings.forBucket(bucket, "connection.ssl.enabled")
                .map(v -> !v.equalsIgnoreCase("false"))
                .orElse(true);
        return URI.create((ssl ? "https://" : "http://") + endpoint);
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException none) {
            return Region.US_EAST_1; // no region configured anywhere: S3 redirects across regions
        }
    }

    /** S3's own cap on the keys of one listing page. */
    private static final int MAX_PAGE = 1000;

    /**
     * Keys per listing page: S3A's {@code fs.s3a.paging.maximum} (per bucket too), at most S3's
     * 1,000 (which S3A's default of 5,000 asks for in effect).
     */
    static int pageSize(StoreSettings settings, String bucket) {
        String value = settings.forBucket(bucket, "paging.maximum").orElse(null);
        if (value == null) {
            return MAX_PAGE;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size < 1) {
                throw new IllegalArgumentException("fs.s3a.paging.maximum='" + value + "' must be at least 1");
            }
            return Math.min(size, MAX_PAGE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fs.s3a.paging.maximum='" + value + "' is not a whole number");
        }
    }

    private static Duration millis(StoreSettings settings, String bucket, String key, long fallback) {
        String value = settings.forBucket(bucket, key).orElse(null);
        if (value == null) {
            return Duration.ofMillis(fallback);
        }
        try {
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fs.s3a." + key + "='" + value + "' is not a number of milliseconds");
        }
    }
}
