package io.deltasql.core.internal.storage;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The files of one directory from a start name on, for {@code FileIO.listFrom}: one hierarchical
 * listing of the directory's prefix (delimiter "/", so sub-directories come as prefixes and are
 * skipped), fetched a page at a time as the caller advances. The service lists names in byte order,
 * which is the order Kernel expects; the iterator checks that it got it. The first page is fetched
 * at once, so a missing container, missing permission or an empty directory (which does not exist
 * in blob storage: FileNotFoundException, as Hadoop's file systems answer) fails the call itself.
 */
final class AzureListing implements CloseableIterator<FileStatus> {
    private final AzureLocation directory;
    private final String startName;
    private final Iterator<PagedResponse<BlobItem>> pages;
    private Iterator<BlobItem> items = Collections.emptyIterator();
    private FileStatus next;
    private String previousName = "";

    private AzureListing(AzureLocation directory, String startName, Iterator<PagedResponse<BlobItem>> pages) {
        this.directory = directory;
        this.startName = startName;
        this.pages = pages;
    }

    static AzureListing from(BlobContainerClient container, AzureLocation start, int pageSize) throws IOException {
        AzureLocation directory = start.parent();
        ListBlobsOptions options = new ListBlobsOptions()
                .setPrefix(directory.directoryPrefix())
                .setMaxResultsPerPage(pageSize)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        try {
            Iterator<PagedResponse<BlobItem>> pages = container
                    .listBlobsByHierarchy("/", options, null)
                    .iterableByPage()
                    .iterator();
            AzureListing listing = new AzureListing(directory, start.name(), pages);
            if (!listing.nextPage()) {
                throw new FileNotFoundException(directory.uri() + ": no such directory (nothing is stored under it)");
            }
            return listing;
        } catch (RuntimeException e) {
            throw AzureErrors.translate("list", directory, e);
        }
    }

    /** Moves to the next page holding any entry; false when there is none. */
    private boolean nextPage() {
        while (!items.hasNext() && pages.hasNext()) {
            items = pages.next().getValue().iterator();
        }
        return items.hasNext();
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null && nextPage()) {
                next = accept(items.next());
            }
        } catch (RuntimeException e) {
            if (e instanceof UncheckedIOException) {
                throw e;
            }
            throw new UncheckedIOException(AzureErrors.translate("list", directory, e));
        }
        return next != null;
    }

    @Override
    public FileStatus next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FileStatus result = next;
        next = null;
        return result;
    }

    /** The file status of a listed blob at or after the start name, or null for what is skipped. */
    private FileStatus accept(BlobItem item) {
        if (Boolean.TRUE.equals(item.isPrefix()) || AzureBlobStore.isFolderMarker(item.getMetadata())) {
            return null;
        }
        String name = item.getName().substring(directory.directoryPrefix().length());
        if (name.compareTo(previousName) < 0) {
            throw new UncheckedIOException(new IOException(
                    "the listing of " + directory.uri() + " is not in name order: " + name + " after " + previousName));
        }
        previousName = name;
        if (name.compareTo(startName) < 0) {
            return null;
        }
        return FileStatus.of(
                directory.child(name).uri(),
                item.getProperties().getContentLength(),
                item.getProperties().getLastModified().toInstant().toEpochMilli());
    }

    @Override
    public void close() {
        // Pages are fetched on demand; nothing is held between them.
    }
}
