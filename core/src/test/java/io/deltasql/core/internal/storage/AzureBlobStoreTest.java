package io.deltasql.core.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.testing.GoldenTables;
import io.deltasql.core.testing.stores.AzuriteTestServer;
import io.deltasql.core.testing.stores.FaultProxy;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** {@link AzureBlobStore} against Azurite, the Azure Storage emulator, and Delta Kernel through it. */
class AzureBlobStoreTest {
    private static AzuriteTestServer azurite;
    private static String container;
    private static BlobContainerClient sdk;
    private static AzureBlobStore store;

    private String dir; // abfss://<container>@<account>.dfs.core.windows.net/<test name>

    @BeforeAll
    static void createContainer() {
        azurite = AzuriteTestServer.shared();
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        sdk = azurite.clientBuilder().buildClient().getBlobContainerClient(azurite.createContainer(name));
        container = name;
        store = new AzureBlobStore(settings(azurite.accountKey()));
    }

    @AfterAll
    static void removeContainer() {
        if (store != null) {
            store.close();
        }
        if (sdk != null) {
            sdk.delete();
        }
    }

    @BeforeEach
    void directory(TestInfo test) {
        dir = "abfss://" + container + "@" + azurite.accountName() + ".dfs.core.windows.net/"
                + test.getTestMethod().orElseThrow().getName();
    }

    private static StoreSettings settings(String key) {
        return settings(key, azurite.blobEndpoint());
    }

    private static StoreSettings settings(String key, URI endpoint) {
        return StoreSettings.of(Map.of(
                "fs.azure.account.key." + azurite.accountName() + ".dfs.core.windows.net",
                key,
                "fs.azure.blob.endpoint." + azurite.accountName(),
                endpoint.toString()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void createExclusiveRefusesASecondWriteAndKeepsTheFirst() throws IOException {
        String path = dir + "/_delta_log/00000000000000000000.json";
        store.createExclusive(path, utf8("first"));
        assertThatThrownBy(() -> store.createExclusive(path, utf8("second")))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(path);
        assertThat(store.read(path)).map(AzureBlobStoreTest::text).contains("first");
    }

    @Test
    void overwriteReplacesAndReadOfAnAbsentFileIsEmpty() throws IOException {
        String path = dir + "/_delta_log/_last_checkpoint";
        assertThat(store.read(path)).isEmpty();
        store.overwrite(path, utf8("one"));
        store.overwrite(path, utf8("two"));
        assertThat(store.read(path)).map(AzureBlobStoreTest::text).contains("two");
        assertThat(store.delete(path)).isTrue();
        assertThat(store.delete(path)).isFalse();
        assertThat(store.read(path)).isEmpty();
    }

    @Test
    void listFromStartsAtTheNameAndKeepsNameOrderAndTheCallersForm() throws IOException {
        String log = dir + "/_delta_log";
        for (String name : List.of(
                "00000000000000000003.json",
                "00000000000000000001.json",
                "00000000000000000002.checkpoint.parquet",
                "00000000000000000002.json",
                "00000000000000000000.json",
                "_last_checkpoint",
                "_commits/00000000000000000004.uuid.json")) {
            store.createExclusive(log + "/" + name, utf8(name));
        }
        // A sibling directory whose name starts like the listed one stays out.
        store.createExclusive(dir + "/_delta_log2/00000000000000000002.json", utf8("x"));

        assertThat(names(store.listFrom(log + "/00000000000000000002")))
                .containsExactly(
                        "00000000000000000002.checkpoint.parquet",
                        "00000000000000000002.json",
                        "00000000000000000003.json",
                        "_last_checkpoint");
        assertThat(names(store.listFrom(log + "/0"))).hasSize(6).startsWith("00000000000000000000.json");

        // The same blobs through a wasbs:// path come back as wasbs:// paths.
        String wasbs = "wasbs://" + container + "@" + azurite.accountName() + ".blob.core.windows.net/"
                + dir.substring(dir.indexOf(".net/") + 5) + "/_delta_log";
        try (CloseableIterator<FileStatus> listed = store.listFrom(wasbs + "/00000000000000000003.json")) {
            assertThat(listed.next().getPath()).isEqualTo(wasbs + "/00000000000000000003.json");
        }
        assertThatThrownBy(() -> store.listFrom(dir + "/nothing-here/00000000000000000000"))
                .isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void listingsFetchPageAfterPage() throws IOException {
        // Pages of two (fs.azure.list.max.results): the listing walks through several, and the prefix
        // entries and names before the start that fill some of them.
        String log = dir + "/_delta_log";
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            all.add(String.format("%020d.json", i));
        }
        for (String name : all) {
            store.createExclusive(log + "/" + name, utf8("{}"));
        }
        store.createExclusive(log + "/00000000000000000005.json.d/x", utf8("{}"));
        Map<String, String> values =
                new HashMap<>(settings(azurite.accountKey()).values());
        values.put("fs.azure.list.max.results", "2");
        try (AzureBlobStore paged = new AzureBlobStore(StoreSettings.of(values))) {
            assertThat(names(paged.listFrom(log + "/00000000000000000003"))).isEqualTo(all.subList(3, 9));
            assertThat(names(paged.listFrom(log + "/0"))).isEqualTo(all);
        }
        values.put("fs.azure.list.max.results", "5001");
        assertThatThrownBy(() -> new AzureBlobStore(StoreSettings.of(values)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fs.azure.list.max.results");
    }

    private static String blobName(String path) {
        return AzureLocation.parse(path).blobName();
    }

    private static List<String> names(CloseableIterator<FileStatus> listed) throws IOException {
        List<String> names = new ArrayList<>();
        try (listed) {
            while (listed.hasNext()) {
                String p = listed.next().getPath();
                names.add(p.substring(p.lastIndexOf('/') + 1));
            }
        }
        return names;
    }

    @Test
    void fileStatusHasSizeAndModificationTime() throws IOException {
        String path = dir + "/_delta_log/00000000000000000000.json";
        long before = System.currentTimeMillis();
        store.createExclusive(path, utf8("12345"));
        long after = System.currentTimeMillis();

        FileStatus status = store.getFileStatus(path);
        assertThat(status.getPath()).isEqualTo(path);
        assertThat(status.getSize()).isEqualTo(5);
        // Last-Modified has whole seconds.
        assertThat(status.getModificationTime()).isBetween(before - 1000, after + 1000);
        try (CloseableIterator<FileStatus> listed = store.listFrom(path)) {
            FileStatus fromListing = listed.next();
            assertThat(fromListing.getSize()).isEqualTo(5);
            assertThat(fromListing.getModificationTime()).isEqualTo(status.getModificationTime());
        }
        assertThatThrownBy(() -> store.getFileStatus(dir + "/_delta_log/00000000000000000001.json"))
                .isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void inputStreamsSeekAndReadRanges() throws IOException {
        byte[] content = new byte[3 * AzureBlobInputStream.WINDOW + 123];
        new Random(7).nextBytes(content);
        String path = dir + "/_delta_log/00000000000000000010.checkpoint.parquet";
        store.createExclusive(path, content);

        try (SeekableInputStream in = store.newInputFile(path, content.length).newStream()) {
            // What Parquet does first: the footer's length and magic at the end.
            in.seek(content.length - 8);
            byte[] tail = new byte[8];
            in.readFully(tail, 0, 8);
            assertThat(tail).isEqualTo(Arrays.copyOfRange(content, content.length - 8, content.length));
            assertThat(in.getPos()).isEqualTo(content.length);
            assertThat(in.read()).isEqualTo(-1);

            in.seek(100);
            assertThat(in.read()).isEqualTo(content[100] & 0xff);
            byte[] small = new byte[10];
            in.readFully(small, 0, 10);
            assertThat(small).isEqualTo(Arrays.copyOfRange(content, 101, 111));

            // A column chunk larger than the read window, across window edges.
            int start = AzureBlobInputStream.WINDOW / 2;
            byte[] chunk = new byte[AzureBlobInputStream.WINDOW + AzureBlobInputStream.WINDOW / 3];
            in.seek(start);
            in.readFully(chunk, 0, chunk.length);
            assertThat(chunk).isEqualTo(Arrays.copyOfRange(content, start, start + chunk.length));

            in.seek(content.length - 3);
            byte[] past = new byte[10];
            assertThatThrownBy(() -> in.readFully(past, 0, 10)).isInstanceOf(EOFException.class);
        }
        // Kernel opens files it did not list with length 0: the stream reads to the real end anyway.
        try (SeekableInputStream in = store.newInputFile(path, 0).newStream()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.newInputFile(path, 0).length()).isEqualTo(content.length);

        String empty = dir + "/_delta_log/empty";
        store.createExclusive(empty, new byte[0]);
        try (SeekableInputStream in = store.newInputFile(empty, 0).newStream()) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anInputStreamRefusesABlobReplacedWhileBeingRead() throws IOException {
        byte[] content = new byte[2 * AzureBlobInputStream.WINDOW];
        String path = dir + "/data.bin";
        store.createExclusive(path, content);
        try (SeekableInputStream in = store.newInputFile(path, content.length).newStream()) {
            assertThat(in.read()).isZero();
            store.overwrite(path, new byte[content.length]);
            in.seek(AzureBlobInputStream.WINDOW + 1);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("replaced");
        }
    }

    @Test
    void outputFilesCreateOnCloseAndPutIfAbsentRefusesAFileThere() throws IOException {
        String path = dir + "/_delta_log/00000000000000000010.checkpoint.parquet";
        OutputFile file = store.newOutputFile(path);
        try (PositionOutputStream out = file.create(true)) {
            out.write(utf8("PAR1"));
            out.write('!');
            assertThat(out.getPos()).isEqualTo(5);
            assertThat(store.read(path)).isEmpty(); // nothing appears before close
        }
        assertThat(store.read(path)).map(AzureBlobStoreTest::text).contains("PAR1!");
        assertThatThrownBy(() -> store.newOutputFile(path).create(true)).isInstanceOf(FileAlreadyExistsException.class);
        try (PositionOutputStream out = store.newOutputFile(path).create(false)) {
            out.write(utf8("replaced"));
        }
        assertThat(store.read(path)).map(AzureBlobStoreTest::text).contains("replaced");

        // The upload's own condition refuses a file another writer put there after create.
        String raced = dir + "/_delta_log/00000000000000000011.checkpoint.parquet";
        PositionOutputStream late = store.newOutputFile(raced).create(true);
        late.write(utf8("late"));
        store.createExclusive(raced, utf8("early"));
        assertThatThrownBy(late::close).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(store.read(raced)).map(AzureBlobStoreTest::text).contains("early");
    }

    @Test
    void writeAtomicallyWritesLinesAndRefusesAFileThereUnlessOverwriting() throws IOException {
        String path = dir + "/_delta_log/_last_checkpoint";
        OutputFile file = store.newOutputFile(path);
        file.writeAtomically(lines("{\"version\":1}", "{\"b\":2}"), false);
        assertThat(store.read(path)).map(AzureBlobStoreTest::text).contains("{\"version\":1}\n{\"b\":2}");
        assertThatThrownBy(() -> file.writeAtomically(lines("{}"), false))
                .isInstanceOf(FileAlreadyExistsException.class);
        file.writeAtomically(lines("{\"version\":2}"), true);
        assertThat(store.read(path)).map(AzureBlobStoreTest::text).contains("{\"version\":2}");
    }

    private static CloseableIterator<String> lines(String... lines) {
        var it = List.of(lines).iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                return it.next();
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void pathsResolveWithoutTrailingOrDoubledSlashes() throws IOException {
        assertThat(store.resolvePath(dir + "//a/b/")).isEqualTo(dir + "/a/b");
        assertThat(store.mkdirs(dir + "/a")).isTrue();
        assertThat(store.getConf("fs.azure.blob.endpoint." + azurite.accountName()))
                .contains(azurite.blobEndpoint().toString());
        assertThatThrownBy(() -> store.resolvePath("abfss://" + azurite.accountName() + ".dfs.core.windows.net/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a container");
        assertThatThrownBy(() -> store.resolvePath("abfss://Bad_Container@acct.dfs.core.windows.net/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad_Container");
    }

    @Test
    void checkWritableProbesAndLeavesNothingBehind() throws IOException {
        store.checkWritable(dir);
        assertThat(sdk.listBlobs(new ListBlobsOptions().setPrefix(blobName(dir) + "/"), Duration.ofSeconds(30)))
                .isEmpty();
    }

    @Test
    void aMissingContainerIsNamed() {
        String missing = "abfss://no-such-container@" + azurite.accountName() + ".dfs.core.windows.net/t";
        assertThatThrownBy(() -> store.checkWritable(missing))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("container no-such-container does not exist in account " + azurite.accountName());
        assertThatThrownBy(() -> store.createExclusive(missing + "/_delta_log/0.json", utf8("x")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("container no-such-container does not exist");
    }

    @Test
    void aWrongAccountKeyIsDeniedWithoutShowingTheKey() {
        byte[] raw = new byte[64];
        new Random(1).nextBytes(raw);
        String wrongKey = Base64.getEncoder().encodeToString(raw);
        try (AzureBlobStore wrong = new AzureBlobStore(settings(wrongKey))) {
            for (var attempt : List.<ThrowingCall>of(
                    () -> wrong.checkWritable(dir),
                    () -> wrong.read(dir + "/_delta_log/_last_checkpoint"),
                    () -> wrong.listFrom(dir + "/_delta_log/0"))) {
                assertThatThrownBy(attempt::call)
                        .isInstanceOf(AccessDeniedException.class)
                        .hasMessageContaining("HTTP 403")
                        .hasMessageContaining(dir)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongKey))
                        .satisfies(e -> assertThat(e.getCause()).isNull());
            }
        }
    }

    @Test
    void aSasTokenWorksAndNeverShowsInMessages() throws IOException {
        OffsetDateTime expiry = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
        String readOnly = sdk.generateSas(new BlobServiceSasSignatureValues(
                expiry, new BlobContainerSasPermission().setReadPermission(true).setListPermission(true)));
        String readWrite = sdk.generateSas(new BlobServiceSasSignatureValues(
                expiry,
                new BlobContainerSasPermission()
                        .setReadPermission(true)
                        .setListPermission(true)
                        .setCreatePermission(true)
                        .setWritePermission(true)
                        .setDeletePermission(true)));
        String path = dir + "/_delta_log/00000000000000000000.json";
        try (AzureBlobStore sas = new AzureBlobStore(sasSettings(readWrite))) {
            sas.checkWritable(dir);
            sas.createExclusive(path, utf8("by sas"));
            assertThat(store.read(path)).map(AzureBlobStoreTest::text).contains("by sas");
        }
        try (AzureBlobStore sas = new AzureBlobStore(sasSettings("?" + readOnly))) {
            assertThat(sas.read(path)).map(AzureBlobStoreTest::text).contains("by sas");
            String signature = readOnly.replaceAll(".*sig=([^&]*).*", "$1");
            assertThatThrownBy(() -> sas.overwrite(path, utf8("x")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("HTTP 403")
                    .satisfies(e ->
                            assertThat(e.getMessage()).doesNotContain(signature).doesNotContain("sig="));
        }
    }

    private static StoreSettings sasSettings(String sas) {
        Map<String, String> values = new HashMap<>();
        values.put("fs.azure.sas.fixed.token." + azurite.accountName() + ".dfs.core.windows.net", sas);
        values.put(
                "fs.azure.blob.endpoint." + azurite.accountName(),
                azurite.blobEndpoint().toString());
        return StoreSettings.of(values);
    }

    @Test
    void withoutKeyOrSasAPlainHttpEndpointNamesTheSettingsToGive() {
        String endpointOnly = "fs.azure.blob.endpoint." + azurite.accountName();
        try (AzureBlobStore anonymous = new AzureBlobStore(
                StoreSettings.of(Map.of(endpointOnly, azurite.blobEndpoint().toString())))) {
            assertThatThrownBy(() -> anonymous.read(dir + "/_delta_log/_last_checkpoint"))
                    .hasMessageContaining("fs.azure.account.key." + azurite.accountName() + ".dfs.core.windows.net")
                    .hasMessageContaining(
                            "fs.azure.sas.fixed.token." + azurite.accountName() + ".dfs.core.windows.net");
        }
    }

    @Test
    void withoutKeyOrSasTheDefaultCredentialChainIsAsked() {
        // An https endpoint where nothing listens: the chain finds no credential here (no Azure
        // environment, managed identity or signed-in CLI), and were there one, no request could leave.
        String endpoint = "fs.azure.blob.endpoint." + azurite.accountName();
        try (AzureBlobStore chained = new AzureBlobStore(StoreSettings.of(Map.of(endpoint, "https://127.0.0.1:9/x")))) {
            assertThatThrownBy(() -> chained.read(dir + "/_delta_log/_last_checkpoint"))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .containsAnyOf(
                                    "no Azure credential for account " + azurite.accountName(),
                                    "could not read " + dir));
        }
    }

    @Test
    void aServiceAnswering503IsRetriedThenNamed() throws IOException {
        String path = dir + "/_delta_log/00000000000000000000.json";
        try (FaultProxy proxy = FaultProxy.start(azurite.blobEndpoint());
                AzureBlobStore retrying = new AzureBlobStore(withRetries(proxy.endpoint(), 1))) {
            retrying.createExclusive(path, utf8("through the proxy"));
            proxy.fail503();
            List<Map.Entry<String, ThrowingCall>> calls = List.of(
                    Map.entry("read", () -> retrying.read(path)),
                    Map.entry("look up", () -> retrying.getFileStatus(path)),
                    Map.entry("list", () -> retrying.listFrom(path)),
                    Map.entry("write", () -> retrying.createExclusive(path + ".2", utf8("x"))),
                    Map.entry("write", () -> retrying.overwrite(path, utf8("x"))),
                    Map.entry("delete", () -> retrying.delete(path)),
                    Map.entry(
                            "read",
                            () -> retrying.newInputFile(path, 17).newStream().read()),
                    Map.entry("write", () -> {
                        try (PositionOutputStream out =
                                retrying.newOutputFile(path + ".3").create(false)) {
                            out.write(1);
                        }
                    }));
            for (Map.Entry<String, ThrowingCall> call : calls) {
                long before = proxy.requests();
                assertThatThrownBy(call.getValue()::call)
                        .as(call.getKey())
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("could not " + call.getKey())
                        .hasMessageContaining("HTTP 503");
                assertThat(proxy.requests() - before).as(call.getKey()).isEqualTo(2); // the try and one retry
            }
            proxy.pass();
            assertThat(retrying.read(path)).map(AzureBlobStoreTest::text).contains("through the proxy");
        }
    }

    @Test
    void anUnreachableServiceIsNamedWithWhatFailed() {
        try (FaultProxy proxy = FaultProxy.start(azurite.blobEndpoint());
                AzureBlobStore unreachable = new AzureBlobStore(withRetries(proxy.endpoint(), 0))) {
            proxy.refuse();
            assertThatThrownBy(() -> unreachable.getFileStatus(dir + "/_delta_log/_last_checkpoint"))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(FileNotFoundException.class)
                    .hasMessageContaining("could not look up " + dir + "/_delta_log/_last_checkpoint");
        }
        assertThatThrownBy(() -> new AzureBlobStore(withRetries(azurite.blobEndpoint(), 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fs.azure.io.retry.max.retries");
    }

    private static StoreSettings withRetries(URI endpoint, int retries) {
        Map<String, String> values =
                new HashMap<>(settings(azurite.accountKey(), endpoint).values());
        values.put("fs.azure.io.retry.max.retries", Integer.toString(retries));
        return StoreSettings.of(values);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void call() throws Exception;
    }

    @Test
    void kernelReadsATableAndWritesACheckpointThroughTheStore() throws Exception {
        Path golden = GoldenTables.requireRoot().resolve("checkpoint");
        try (Stream<Path> files = Files.list(golden.resolve("_delta_log"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                store.createExclusive(dir + "/_delta_log/" + f.getFileName(), Files.readAllBytes(f));
            }
        }
        // The raw local file system: the golden table's .crc files do not match, which Hadoop's checksummed one
        // refuses.
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        Engine local = DefaultEngine.create(conf);
        Engine azure = DefaultEngine.create(store);
        KernelView expected = KernelView.latest(local, golden.toString());
        KernelView actual = KernelView.latest(azure, dir);
        assertThat(expected.version()).isEqualTo(14);
        assertThat(actual).isEqualTo(expected);

        // Kernel writes a Parquet checkpoint and _last_checkpoint through the store, then reads them back.
        Table.forPath(azure, dir).checkpoint(azure, 14);
        assertThat(store.getFileStatus(dir + "/_delta_log/00000000000000000014.checkpoint.parquet")
                        .getSize())
                .isPositive();
        assertThat(store.read(dir + "/_delta_log/_last_checkpoint"))
                .map(AzureBlobStoreTest::text)
                .hasValueSatisfying(s -> assertThat(s).contains("\"version\":14"));
        assertThat(KernelView.latest(DefaultEngine.create(store), dir)).isEqualTo(expected);
    }

    /** What Kernel makes of a table: version, schema, and the data files with their sizes. */
    private record KernelView(long version, String schema, TreeSet<String> files) {
        static KernelView latest(Engine engine, String tablePath) throws IOException {
            Snapshot snapshot = Table.forPath(engine, tablePath).getLatestSnapshot(engine);
            TreeSet<String> files = new TreeSet<>();
            try (CloseableIterator<FilteredColumnarBatch> batches =
                    snapshot.getScanBuilder().build().getScanFiles(engine)) {
                while (batches.hasNext()) {
                    try (CloseableIterator<Row> rows = batches.next().getRows()) {
                        while (rows.hasNext()) {
                            Row scanFile = rows.next();
                            Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
                            files.add(add.getString(add.getSchema().indexOf("path")) + " "
                                    + add.getLong(add.getSchema().indexOf("size")));
                        }
                    }
                }
            }
            return new KernelView(snapshot.getVersion(), snapshot.getSchema().toJson(), files);
        }
    }
}
