package io.deltasql.core.storage;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.testing.stores.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A bucket on the test's S3 server, the catalog settings that reach it, and the test's own client. */
final class S3Tables implements AutoCloseable {
    final S3TestServer server = S3TestServer.shared();
    final String bucket = "t-" + UUID.randomUUID().toString().substring(0, 13).toLowerCase(Locale.ROOT);
    private final S3Client client;

    S3Tables() {
        server.createBucket(bucket);
        client = server.clientBuilder().build();
    }

    /** The Hadoop S3A settings a Spark user would write for this server. */
    Map<String, String> settings() {
        return settings(server.endpoint().toString(), server.secretKey());
    }

    Map<String, String> settings(String endpoint, String secretKey) {
        return Map.of(
                "fs.s3a.endpoint",
                endpoint,
                "fs.s3a.access.key",
                server.accessKey(),
                "fs.s3a.secret.key",
                secretKey,
                "fs.s3a.path.style.access",
                "true",
                "fs.s3a.endpoint.region",
                server.region());
    }

    CatalogConfig.Builder configure(CatalogConfig.Builder b) {
        settings().forEach(b::storageSetting);
        return b;
    }

    String location(String table) {
        return "s3://" + bucket + "/tables/" + table;
    }

    /** Every key in the bucket under {@code prefix}, sorted. */
    List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents()) {
            keys.add(o.key());
        }
        keys.sort(null);
        return keys;
    }

    Optional<String> read(String key) {
        try {
            return Optional.of(
                    client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    void put(String key, String content) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    /** Copies the local directory {@code dir} (recursively) to {@code prefix} in the bucket. */
    void upload(Path dir, String prefix) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = prefix + "/" + dir.relativize(f).toString().replace('\\', '/');
                client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
