package io.deltasql.core.internal.storage;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tables on Azure Blob Storage and ADLS Gen2 (whose accounts answer the Blob API too), for Kernel
 * and the mirror, over the Azure SDK's Blob client. Paths are {@code
 * abfss://<container>@<account>.dfs.core.windows.net/<path>}, {@code abfs://…}, {@code
 * wasbs://<container>@<account>.blob.core.windows.net/<path>} or {@code wasb://…}; every one is
 * served by the account's Blob endpoint, and listings answer in the form the caller used.
 *
 * <p>Settings (Hadoop ABFS's names where it has one):
 *
 * <ul>
 *   <li>{@code fs.azure.account.key.<account>.dfs.core.windows.net} (or {@code
 *       .blob.core.windows.net}): the account's shared key;
 *   <li>{@code fs.azure.sas.fixed.token.<account>.dfs.core.windows.net}, or {@code
 *       fs.azure.sas.fixed.token} for every account: a SAS token, used when there is no key;
 *   <li>{@code fs.azure.list.max.results}: blobs per listing page (5000, the service's most);
 *   <li>{@code fs.azure.io.retry.max.retries}: how often a failed request is sent again (3, after
 *       waits of 1, 3 and 7 seconds);
 *   <li>{@code fs.azure.blob.endpoint.<account>} (deltasql's own): the Blob endpoint, for an emulator
 *       or a private endpoint, e.g. {@code http://127.0.0.1:10000/devstoreaccount1} for Azurite;
 *       without it {@code https://<account>.blob.core.windows.net} (the host's cloud suffix kept).
 * </ul>
 *
 * With neither key nor SAS token, Azure's DefaultAzureCredential chain signs the requests
 * (environment variables, workload or managed identity, Azure CLI), over https only.
 *
 * <p>Blob storage has no directories: {@link #mkdirs} has nothing to make, listings skip the
 * prefixes (and an ADLS Gen2 account's directory markers), and a directory with nothing under it
 * does not exist.
 */
public final class AzureBlobStore implements ObjectStore {
    // How an ADLS Gen2 account marks the blob standing for a directory, seen through the Blob API.
    private static final String FOLDER_MARKER = "hdi_isfolder";

    static final String LIST_PAGE_SIZE = "fs.azure.list.max.results";

    private final StoreSettings settings;
    private final AzureBlobClients clients;
    private final int listPageSize;

    public AzureBlobStore(StoreSettings settings) {
        this.settings = settings;
        this.clients = new AzureBlobClients(settings);
        this.listPageSize = listPageSize(settings);
    }

    /** Hadoop ABFS's {@code fs.azure.list.max.results}: blobs per listing page, 1 to 5000 (the service's most). */
    private static int listPageSize(StoreSettings settings) {
        Optional<String> given = settings.get(LIST_PAGE_SIZE);
        if (given.isEmpty()) {
            return 5000;
        }
        try {
            int size = Integer.parseInt(given.get());
            if (size >= 1 && size <= 5000) {
                return size;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(LIST_PAGE_SIZE + " must be a number from 1 to 5000, not " + given.get());
    }

    /** True for the paths this store serves: {@code abfs}, {@code abfss}, {@code wasb}, {@code wasbs}. */
    public static boolean serves(String path) {
        return AzureLocation.isAzure(path);
    }

    @Override
    public void createExclusive(String path, byte[] content) throws IOException {
        upload(AzureLocation.parse(path), content, true);
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        upload(AzureLocation.parse(path), content, false);
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        AzureLocation location = AzureLocation.parse(path);
        try {
            return Optional.of(blob(location).downloadContent().toBytes());
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404) {
                return Optional.empty();
            }
            throw AzureErrors.translate("read", location, e);
        }
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String path) throws IOException {
        AzureLocation start = AzureLocation.parse(path);
        return AzureListing.from(clients.container(start), start, listPageSize);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        AzureLocation location = AzureLocation.parse(path);
        BlobProperties properties;
        try {
            properties = blob(location).getProperties();
        } catch (RuntimeException e) {
            throw AzureErrors.translate("look up", location, e);
        }
        if (isFolderMarker(properties.getMetadata())) {
            throw new FileNotFoundException(location.uri() + " is a directory, not a file");
        }
        return FileStatus.of(
                location.uri(),
                properties.getBlobSize(),
                properties.getLastModified().toInstant().toEpochMilli());
    }

    static boolean isFolderMarker(Map<String, String> metadata) {
        return metadata != null && "true".equalsIgnoreCase(metadata.get(FOLDER_MARKER));
    }

    @Override
    public String resolvePath(String path) {
        return AzureLocation.parse(path).uri();
    }

    @Override
    public boolean mkdirs(String path) {
        AzureLocation.parse(path); // a bad path is still refused
        return true;
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        AzureLocation location = AzureLocation.parse(path);
        BlobClient blob = blob(location);
        return new InputFile() {
            @Override
            public long length() throws IOException {
                // Kernel gives 0 for files it has not listed (_last_checkpoint): ask the service then.
                return fileSize > 0 ? fileSize : getFileStatus(location.uri()).getSize();
            }

            @Override
            public String path() {
                return location.uri();
            }

            @Override
            public AzureBlobInputStream newStream() {
                return new AzureBlobInputStream(blob, location);
            }
        };
    }

    @Override
    public OutputFile newOutputFile(String path) {
        return new AzureBlobOutputFile(this, AzureLocation.parse(path));
    }

    @Override
    public boolean delete(String path) throws IOException {
        AzureLocation location = AzureLocation.parse(path);
        try {
            return blob(location)
                    .deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE)
                    .getValue();
        } catch (RuntimeException e) {
            throw AzureErrors.translate("delete", location, e);
        }
    }

    @Override
    public Optional<String> getConf(String key) {
        return settings.get(key);
    }

    @Override
    public void checkWritable(String directory) throws IOException {
        AzureLocation probe = AzureLocation.parse(directory)
                .child("_delta_log")
                .child(".deltasql-probe-" + UUID.randomUUID() + ".tmp");
        // A missing container makes the write answer 404 ContainerNotFound, which AzureErrors names.
        upload(probe, new byte[0], true);
        try (CloseableIterator<FileStatus> listed = listFrom(probe.uri())) {
            if (!listed.hasNext() || !listed.next().getPath().equals(probe.uri())) {
                throw new IOException("the listing of " + probe.parent().uri() + " does not show the probe file "
                        + probe.name() + " just written");
            }
        } finally {
            delete(probe.uri());
        }
    }

    @Override
    public void close() {
        // The SDK's clients hold no resources that outlive their requests.
    }

    BlobClient blob(AzureLocation location) {
        if (location.blobName().isEmpty()) {
            throw new IllegalArgumentException(location.uri() + " is a container, not a file");
        }
        return clients.container(location).getBlobClient(location.blobName());
    }

    boolean exists(AzureLocation location) throws IOException {
        try {
            return blob(location).exists();
        } catch (RuntimeException e) {
            throw AzureErrors.translate("look up", location, e);
        }
    }

    /** Puts {@code content} at {@code location}; {@code exclusive}: only if nothing is there. */
    void upload(AzureLocation location, byte[] content, boolean exclusive) throws IOException {
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(content))
                .setRequestConditions(conditions(exclusive));
        try {
            blob(location).uploadWithResponse(options, null, Context.NONE);
        } catch (RuntimeException e) {
            throw uploadFailure(location, exclusive, e);
        }
    }

    /** Puts the content of the local {@code file} at {@code location}, like {@link #upload}. */
    void uploadFile(AzureLocation location, Path file, boolean exclusive) throws IOException {
        BlobUploadFromFileOptions options =
                new BlobUploadFromFileOptions(file.toString()).setRequestConditions(conditions(exclusive));
        try {
            blob(location).uploadFromFileWithResponse(options, null, Context.NONE);
        } catch (RuntimeException e) {
            throw uploadFailure(location, exclusive, e);
        }
    }

    private static BlobRequestConditions conditions(boolean exclusive) {
        // If-None-Match: * makes the service refuse the write when any blob is at the name.
        return exclusive ? new BlobRequestConditions().setIfNoneMatch("*") : new BlobRequestConditions();
    }

    private static IOException uploadFailure(AzureLocation location, boolean exclusive, RuntimeException e) {
        int status = AzureErrors.status(e);
        boolean taken = status == 412
                || (status == 409
                        && BlobErrorCode.BLOB_ALREADY_EXISTS.toString().equals(AzureErrors.code(e)));
        if (exclusive && taken) {
            return new FileAlreadyExistsException(location.uri(), null, "a file is already there");
        }
        return AzureErrors.translate("write", location, e);
    }
}
