package io.deltasql.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.GoldenTables;
import io.deltasql.core.testing.stores.AzuriteTestServer;
import io.deltasql.core.testing.stores.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every Delta golden table uploaded to S3 (s3proxy) and to Azure (Azurite) and imported from
 * there: at every version Delta Kernel reconstructs, deltasql's snapshot is what Kernel reads from
 * the local copy (expected.json); the tables Kernel refuses are refused with the catalog unchanged.
 */
class ObjectStoreGoldenImportTest {
    /** A store the golden logs are uploaded to: its location prefix, catalog settings and upload. */
    private record Store(String name, String root, Map<String, String> settings, Uploader upload) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    private interface Uploader {
        void put(String key, Path file);
    }

    private static Store s3;
    private static Store azure;

    private static synchronized Store s3() {
        if (s3 == null) {
            S3TestServer server = S3TestServer.shared();
            String bucket =
                    server.createBucket("golden-" + UUID.randomUUID().toString().substring(0, 8));
            S3Client client = server.clientBuilder().build();
            s3 = new Store(
                    "s3",
                    "s3://" + bucket + "/golden",
                    Map.of(
                            "fs.s3a.endpoint", server.endpoint().toString(),
                            "fs.s3a.access.key", server.accessKey(),
                            "fs.s3a.secret.key", server.secretKey(),
                            "fs.s3a.path.style.access", "true",
                            "fs.s3a.endpoint.region", server.region()),
                    (key, file) ->
                            client.putObject(b -> b.bucket(bucket).key("golden/" + key), RequestBody.fromFile(file)));
        }
        return s3;
    }

    private static synchronized Store azure() {
        if (azure == null) {
            AzuriteTestServer server = AzuriteTestServer.shared();
            String container = server.createContainer(
                    "golden-" + UUID.randomUUID().toString().substring(0, 8));
            BlobContainerClient blobs = server.clientBuilder().buildClient().getBlobContainerClient(container);
            azure = new Store(
                    "azure",
                    "abfss://" + container + "@" + server.accountName() + ".dfs.core.windows.net/golden",
                    Map.of(
                            "fs.azure.account.key." + server.accountName() + ".dfs.core.windows.net",
                            server.accountKey(),
                            "fs.azure.blob.endpoint." + server.accountName(),
                            server.blobEndpoint().toString()),
                    (key, file) -> blobs.getBlobClient("golden/" + key).upload(BinaryData.fromFile(file), true));
        }
        return azure;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String table : GoldenImportTest.tables().toList()) {
            cases.add(Arguments.of("s3", table));
            cases.add(Arguments.of("azure", table));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void importFromTheStoreMatchesKernel(String storeName, String tableName) throws Exception {
        Store store = storeName.equals("s3") ? s3() : azure();
        Path table = GoldenTables.requireRoot().resolve(tableName);
        uploadLog(store, table, tableName);
        String location = store.root() + "/" + tableName;
        JsonNode expected =
                ActionCodec.mapper().readTree(table.resolve("expected.json").toFile());
        Consumer<CatalogConfig.Builder> settings = b -> store.settings().forEach(b::storageSetting);
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open(settings)) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            if (expected.hasNonNull("error")) {
                String before = CatalogDump.of(db.jdbcUrl());
                assertThatThrownBy(() -> importer.importTable(location, "t", ImportProgress.NONE))
                        .isInstanceOf(DeltaSqlException.class)
                        .hasMessageContaining(tableName);
                assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
                return;
            }
            List<String> problems = new ArrayList<>();
            try {
                importer.importTable(location, "t", ImportProgress.NONE);
                GoldenImportTest.compare(catalog, table, expected, problems);
            } catch (RuntimeException e) {
                problems.add("import failed: " + e);
            }
            assertThat(problems).isEmpty();
        }
    }

    /** The table's {@code _delta_log} (with sidecars), which is all an import reads. */
    private static void uploadLog(Store store, Path table, String tableName) {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return; // a table without a log: the import refuses it, from the store as from the disk
        }
        try (Stream<Path> files = Files.walk(log)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = tableName + "/" + table.relativize(f).toString().replace('\\', '/');
                store.upload().put(key, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
