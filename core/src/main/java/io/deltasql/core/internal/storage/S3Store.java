package io.deltasql.core.internal.storage;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Tables on S3 ({@code s3://bucket/path}, and {@code s3a://} for the same objects) through the AWS
 * SDK, one client per bucket built from the catalog's S3A settings ({@link S3Clients}).
 * Directories are key prefixes: {@link #mkdirs} has nothing to do, a listing is one prefix's
 * objects. Commit files are created with {@code If-None-Match: *}, so S3 itself refuses to replace
 * a file another writer put there first.
 */
public final class S3Store implements ObjectStore {
    private final StoreSettings settings;
    private final ConcurrentHashMap<String, S3Client> clients = new ConcurrentHashMap<>();

    public S3Store(StoreSettings settings) {
        this.settings = settings;
    }

    private S3Client client(S3Location at) {
        return clients.computeIfAbsent(at.bucket(), b -> S3Clients.create(settings, b));
    }

    @Override
    public void createExclusive(String path, byte[] content) throws IOException {
        put(path, RequestBody.fromBytes(content), true);
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        put(path, RequestBody.fromBytes(content), false);
    }

    private void put(String path, RequestBody body, boolean ifAbsent) throws IOException {
        S3Location at = S3Location.parse(path);
        PutObjectRequest.Builder request =
                PutObjectRequest.builder().bucket(at.bucket()).key(at.key());
        if (ifAbsent) {
            request.ifNoneMatch("*");
        }
        try {
            client(at).putObject(request.build(), body);
        } catch (SdkException e) {
            if (ifAbsent && S3Errors.isPreconditionFailed(e)) {
                throw new FileAlreadyExistsException(path, null, "S3 refused to replace it (If-None-Match: *)");
            }
            throw S3Errors.of("could not write", path, e);
        }
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        S3Location at = S3Location.parse(path);
        try {
            return Optional.of(client(at)
                    .getObjectAsBytes(GetObjectRequest.builder()
                            .bucket(at.bucket())
                            .key(at.key())
                            .build())
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (S3Errors.isNoSuchKey(e)) {
                return Optional.empty();
            }
            throw S3Errors.of("could not read", path, e);
        }
    }

    @Override
    public void checkWritable(String directory) throws IOException {
        S3Location at = S3Location.parse(directory);
        S3Client client = client(at);
        try {
            client.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(at.bucket())
                    .prefix(at.directoryPrefix())
                    .maxKeys(1)
                    .build());
        } catch (SdkException e) {
            throw S3Errors.of("could not list", directory, e);
        }
        String probe = at.pathOf(at.directoryPrefix() + "_delta_log/.deltasql-probe-" + UUID.randomUUID() + ".tmp");
        createExclusive(probe, new byte[0]);
        delete(probe);
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        S3Location at = S3Location.parse(filePath);
        String prefix = at.parentPrefix();
        String from = at.key();
        // S3 lists keys after StartAfter; the key one character shorter starts early enough, and
        // the names before `from` that it still lets through are skipped here.
        String startAfter = from.length() > prefix.length() ? from.substring(0, from.length() - 1) : null;
        S3Client client = client(at);
        ListObjectsV2Request first = ListObjectsV2Request.builder()
                .bucket(at.bucket())
                .prefix(prefix)
                .delimiter("/")
                .startAfter(startAfter)
                .maxKeys(S3Clients.pageSize(settings, at.bucket()))
                .build();
        ListObjectsV2Response page;
        try {
            page = client.listObjectsV2(first);
        } catch (SdkException e) {
            throw S3Errors.of("could not list", at.pathOf(prefix), e);
        }
        return new Listing(client, at, first, page, from);
    }

    /** The pages of one listing, fetched as the caller reads on. */
    private static final class Listing implements CloseableIterator<FileStatus> {
        private final S3Client client;
        private final S3Location at;
        private final ListObjectsV2Request request;
        private final String from;
        private ListObjectsV2Response page;
        private Iterator<S3Object> objects;
        private FileStatus next;

        Listing(S3Client client, S3Location at, ListObjectsV2Request request, ListObjectsV2Response page, String from) {
            this.client = client;
            this.at = at;
            this.request = request;
            this.page = page;
            this.objects = page.contents().iterator();
            this.from = from;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (objects.hasNext()) {
                    S3Object o = objects.next();
                    if (o.key().compareTo(from) >= 0 && !o.key().endsWith("/")) {
                        next = FileStatus.of(
                                at.pathOf(o.key()), o.size(), o.lastModified().toEpochMilli());
                    }
                } else if (Boolean.TRUE.equals(page.isTruncated())) {
                    try {
                        // The token carries the position; S3 ignores StartAfter with it, but
                        // S3-compatible stores (s3proxy among them) refuse the two together.
                        page = client.listObjectsV2(request.toBuilder()
                                .startAfter(null)
                                .continuationToken(page.nextContinuationToken())
                                .build());
                    } catch (SdkException e) {
                        throw new UncheckedIOException(S3Errors.of("could not list", at.pathOf(from), e));
                    }
                    objects = page.contents().iterator();
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public FileStatus next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            FileStatus f = next;
            next = null;
            return f;
        }

        @Override
        public void close() {}
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        S3Location at = S3Location.parse(path);
        try {
            HeadObjectResponse head =
                    client(at).headObject(b -> b.bucket(at.bucket()).key(at.key()));
            return FileStatus.of(path, head.contentLength(), head.lastModified().toEpochMilli());
        } catch (SdkException e) {
            throw S3Errors.of("could not read", path, e);
        }
    }

    @Override
    public String resolvePath(String path) {
        return new StorePath(path).value();
    }

    @Override
    public boolean mkdirs(String path) {
        return true; // a prefix needs no creating
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        return new S3InputFile(path, fileSize);
    }

    @Override
    public OutputFile newOutputFile(String path) {
        return new S3OutputFile(path);
    }

    @Override
    public boolean delete(String path) throws IOException {
        S3Location at = S3Location.parse(path);
        try {
            client(at).deleteObject(b -> b.bucket(at.bucket()).key(at.key()));
            return true;
        } catch (SdkException e) {
            throw S3Errors.of("could not delete", path, e);
        }
    }

    @Override
    public Optional<String> getConf(String key) {
        return settings.get(key);
    }

    @Override
    public void close() {
        clients.values().forEach(S3Client::close);
        clients.clear();
    }

    private final class S3InputFile implements InputFile {
        private final String path;
        private long length;

        S3InputFile(String path, long length) {
            this.path = path;
            this.length = length;
        }

        @Override
        public long length() throws IOException {
            if (length < 0) {
                length = getFileStatus(path).getSize();
            }
            return length;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public SeekableInputStream newStream() {
            return new RangedStream(path);
        }
    }

    /** Reads from the current position with one ranged GET, reopened after a seek elsewhere. */
    private final class RangedStream extends SeekableInputStream {
        private final S3Location at;
        private final String path;
        private ResponseInputStream<GetObjectResponse> open;
        private long pos;

        RangedStream(String path) {
            this.path = path;
            this.at = S3Location.parse(path);
        }

        private InputStream stream() throws IOException {
            if (open == null) {
                try {
                    open = client(at)
                            .getObject(GetObjectRequest.builder()
                                    .bucket(at.bucket())
                                    .key(at.key())
                                    .range("bytes=" + pos + "-")
                                    .build());
                } catch (SdkException e) {
                    if (e instanceof AwsServiceException s && s.statusCode() == 416) {
                        return InputStream.nullInputStream(); // at or past the end
                    }
                    throw S3Errors.of("could not read", path, e);
                }
            }
            return open;
        }

        @Override
        public int read() throws IOException {
            int b = stream().read();
            if (b >= 0) {
                pos++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = stream().read(buf, off, len);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] buf, int off, int len) throws IOException {
            int done = 0;
            while (done < len) {
                int n = read(buf, off + done, len - done);
                if (n < 0) {
                    throw new EOFException(path + " ended " + (len - done) + " bytes early");
                }
                done += n;
            }
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos != pos) {
                closeOpen();
                pos = newPos;
            }
        }

        private void closeOpen() throws IOException {
            if (open != null) {
                open.abort(); // do not drain the rest of a ranged GET over the network
                open.close();
                open = null;
            }
        }

        @Override
        public void close() throws IOException {
            closeOpen();
        }
    }

    private final class S3OutputFile implements OutputFile {
        private final String path;

        S3OutputFile(String path) {
            this.path = path;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public PositionOutputStream create(boolean putIfAbsent) throws IOException {
            // One PUT when closed: S3 shows the whole file or nothing.
            return new SpooledOutputStream(spooled -> put(path, RequestBody.fromFile(spooled), putIfAbsent));
        }

        @Override
        public void writeAtomically(CloseableIterator<String> data, boolean overwrite) throws IOException {
            List<String> lines = new ArrayList<>();
            try (data) {
                while (data.hasNext()) {
                    lines.add(data.next());
                }
            }
            byte[] content = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
            put(path, RequestBody.fromBytes(content), !overwrite);
        }
    }
}
