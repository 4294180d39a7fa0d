package io.deltasql.core.internal.storage;

import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.utils.CloseableIterator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;

/**
 * A blob Kernel writes: a Parquet checkpoint through {@link #create} (spooled to a local file,
 * uploaded on close) or a JSON file in one call through {@link #writeAtomically}. Either way the
 * blob appears whole in one upload, and a write that must not replace a file is a conditional one.
 */
final class AzureBlobOutputFile implements OutputFile {
    private final AzureBlobStore store;
    private final AzureLocation location;

    AzureBlobOutputFile(AzureBlobStore store, AzureLocation location) {
        this.store = store;
        this.location = location;
    }

    @Override
    public String path() {
        return location.uri();
    }

    /**
     * A stream whose bytes become the blob on close. With {@code putIfAbsent} a file already there
     * is refused now (before the bytes are written) and again by the upload's condition, should
     * another writer put one there meanwhile.
     */
    @Override
    public PositionOutputStream create(boolean putIfAbsent) throws IOException {
        if (putIfAbsent && store.exists(location)) {
            throw new FileAlreadyExistsException(location.uri(), null, "a file is already there");
        }
        return new SpooledOutputStream(spooled -> store.uploadFile(location, spooled, putIfAbsent));
    }

    /**
     * Writes the lines joined with newlines (as the other stores do); without {@code overwrite}, a
     * file already there is refused with {@link FileAlreadyExistsException}.
     */
    @Override
    public void writeAtomically(CloseableIterator<String> lines, boolean overwrite) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try (lines) {
            for (boolean first = true; lines.hasNext(); first = false) {
                if (!first) {
                    content.write('\n');
                }
                content.write(lines.next().getBytes(StandardCharsets.UTF_8));
            }
        }
        store.upload(location, content.toByteArray(), !overwrite);
    }
}
