package io.deltasql.core.testing.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** s3proxy as the S3 FileIO will meet it, through the real SDK: what it supports is pinned here. */
class S3TestServerTest {
    private static S3TestServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = S3TestServer.shared();
        System.out.println("s3proxy started in " + server.startupTime().toMillis() + " ms at " + server.endpoint());
        s3 = server.clientBuilder().build();
        bucket = server.createBucket("s3-test-server-test");
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void putsGetsAndDeletesObjects() {
        s3.putObject(b -> b.bucket(bucket).key("plain/a.json"), RequestBody.fromString("{\"a\":1}"));

        byte[] read =
                s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain/a.json")).asByteArray();
        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        byte[] range = s3.getObjectAsBytes(
                        b -> b.bucket(bucket).key("plain/a.json").range("bytes=1-3"))
                .asByteArray();
        assertThat(new String(range, StandardCharsets.UTF_8)).isEqualTo("\"a\"");

        s3.deleteObject(b -> b.bucket(bucket).key("plain/a.json"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain/a.json")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void refusesTheSdksDefaultTrailingChecksum() {
        try (S3Client defaults = server.clientBuilder()
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                .build()) {
            assertThatThrownBy(() -> defaults.putObject(
                            b -> b.bucket(bucket).key("checksum/default"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        }
    }

    @Test
    void refusesASecondPutOfTheSameKeyWithIfNoneMatchStar() {
        String key = "conditional/00000000000000000001.json";
        s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("first"));

        assertThatThrownBy(() ->
                        s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("second")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String())
                .isEqualTo("first");
        assertThatThrownBy(() -> s3.putObject(
                        b -> b.bucket(bucket).key(key).ifMatch("\"not-its-etag\""), RequestBody.fromString("third")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void listsAfterAKeyAndByDelimiter() {
        for (String key : List.of(
                "log/_delta_log/001.json",
                "log/_delta_log/002.json",
                "log/_delta_log/003.json",
                "log/part-1.parquet",
                "log/sub/part-2.parquet")) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }

        ListObjectsV2Response after =
                s3.listObjectsV2(b -> b.bucket(bucket).prefix("log/_delta_log/").startAfter("log/_delta_log/001.json"));
        assertThat(after.contents())
                .extracting(S3Object::key)
                .containsExactly("log/_delta_log/002.json", "log/_delta_log/003.json");

        ListObjectsV2Response level =
                s3.listObjectsV2(b -> b.bucket(bucket).prefix("log/").delimiter("/"));
        assertThat(level.contents()).extracting(S3Object::key).containsExactly("log/part-1.parquet");
        assertThat(level.commonPrefixes())
                .extracting(CommonPrefix::prefix)
                .containsExactly("log/_delta_log/", "log/sub/");

        ListObjectsV2Response levelAfter = s3.listObjectsV2(
                b -> b.bucket(bucket).prefix("log/").delimiter("/").startAfter("log/part-1.parquet"));
        assertThat(levelAfter.contents()).isEmpty();
        assertThat(levelAfter.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("log/sub/");

        ListObjectsV2Response paged =
                s3.listObjectsV2(b -> b.bucket(bucket).prefix("log/_delta_log/").maxKeys(2));
        assertThat(paged.isTruncated()).isTrue();
        ListObjectsV2Response rest = s3.listObjectsV2(
                b -> b.bucket(bucket).prefix("log/_delta_log/").continuationToken(paged.nextContinuationToken()));
        assertThat(rest.contents()).extracting(S3Object::key).containsExactly("log/_delta_log/003.json");
    }

    @Test
    void reportsLastModifiedInWholeSeconds() {
        Instant before = Instant.now();
        for (int i = 0; i < 5; i++) {
            String key = "mtime/" + i;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
        }
        Instant after = Instant.now();

        for (S3Object object :
                s3.listObjectsV2(b -> b.bucket(bucket).prefix("mtime/")).contents()) {
            assertThat(object.lastModified().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(object.lastModified());
            assertThat(object.lastModified()).isBetween(before.minusSeconds(1), after.plusSeconds(1));
        }
        Instant head = s3.headObject(b -> b.bucket(bucket).key("mtime/0")).lastModified();
        assertThat(head.truncatedTo(ChronoUnit.SECONDS)).isEqualTo(head);
    }
}
