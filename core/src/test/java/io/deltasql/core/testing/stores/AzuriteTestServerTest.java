package io.deltasql.core.testing.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Azurite as the Azure FileIO will meet it, through the real Blob SDK: what it supports is pinned here. */
class AzuriteTestServerTest {
    private static AzuriteTestServer server;
    private static BlobContainerClient container;

    @BeforeAll
    static void start() {
        server = AzuriteTestServer.shared();
        System.out.println("Azurite started in " + server.startupTime().toMillis() + " ms at " + server.blobEndpoint());
        String name = server.createContainer("azurite-test-server-test");
        container = server.clientBuilder().buildClient().getBlobContainerClient(name);
    }

    @Test
    void uploadsDownloadsAndDeletesBlobs() throws IOException {
        BlobClient blob = container.getBlobClient("plain/a.json");
        blob.upload(BinaryData.fromString("{\"a\":1}"));

        assertThat(blob.downloadContent().toString()).isEqualTo("{\"a\":1}");
        try (InputStream range = blob.openInputStream(new BlobRange(1, 3L), null)) {
            assertThat(new String(range.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("\"a\"");
        }

        blob.delete();
        assertThatThrownBy(blob::downloadContent)
                .isInstanceOfSatisfying(
                        BlobStorageException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.BLOB_NOT_FOUND));
    }

    @Test
    void refusesASecondUploadOfTheSameNameWithIfNoneMatchStar() {
        BlobClient blob = container.getBlobClient("conditional/00000000000000000001.json");
        uploadIfAbsent(blob, "first");

        assertThatThrownBy(() -> uploadIfAbsent(blob, "second"))
                .isInstanceOfSatisfying(BlobStorageException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(409);
                    assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.BLOB_ALREADY_EXISTS);
                });
        assertThat(blob.downloadContent().toString()).isEqualTo("first");
    }

    @Test
    void listsByPrefixAndDelimiter() {
        for (String name : List.of(
                "log/_delta_log/001.json", "log/_delta_log/002.json", "log/part-1.parquet", "log/sub/part-2.parquet")) {
            container.getBlobClient(name).upload(BinaryData.fromString(name));
        }

        List<String> flat = container.listBlobs(new ListBlobsOptions().setPrefix("log/_delta_log/"), null).stream()
                .map(BlobItem::getName)
                .toList();
        assertThat(flat).containsExactly("log/_delta_log/001.json", "log/_delta_log/002.json");

        List<BlobItem> level =
                container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix("log/"), null).stream()
                        .toList();
        assertThat(level)
                .extracting(BlobItem::getName, BlobItem::isPrefix)
                .containsExactlyInAnyOrder(
                        tuple("log/_delta_log/", true), tuple("log/part-1.parquet", false), tuple("log/sub/", true));
    }

    @Test
    void reportsLastModifiedAsTheUploadTimeInWholeSeconds() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 5; i++) {
            container.getBlobClient("mtime/" + i).upload(BinaryData.fromString("x"));
        }
        OffsetDateTime after = OffsetDateTime.now(ZoneOffset.UTC);

        for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix("mtime/"), null)) {
            OffsetDateTime listed = item.getProperties().getLastModified();
            assertThat(listed.truncatedTo(ChronoUnit.SECONDS)).isEqualTo(listed);
            assertThat(listed).isBetween(before.truncatedTo(ChronoUnit.SECONDS), after.plusSeconds(1));
        }
        BlobProperties properties = container.getBlobClient("mtime/0").getProperties();
        assertThat(properties.getLastModified().truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(properties.getLastModified());
        assertThat(properties.getCreationTime()).isEqualTo(properties.getLastModified());
    }

    private static void uploadIfAbsent(BlobClient blob, String content) {
        blob.uploadWithResponse(
                new BlobParallelUploadOptions(BinaryData.fromString(content))
                        .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")),
                null,
                null);
    }
}
