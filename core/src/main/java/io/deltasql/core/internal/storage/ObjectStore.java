package io.deltasql.core.internal.storage;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Optional;

/**
 * One store's files, for Delta Kernel (which reads and writes checkpoints through {@link FileIO})
 * and for the mirror (the writes below): one storage layer for both. Paths are full
 * {@link StorePath} values of this store's scheme. Errors are {@link IOException}s: a missing file
 * {@link java.io.FileNotFoundException}, missing permission {@link java.nio.file.AccessDeniedException},
 * anything else (unreachable, 5xx) a plain IOException whose message names the store's answer and
 * never a credential.
 */
public interface ObjectStore extends FileIO, AutoCloseable {
    /**
     * Creates {@code path} holding exactly {@code content} only if nothing is there, with the store's
     * conditional write (S3 and Azure {@code If-None-Match: *}), so a file another writer put there
     * first is never replaced.
     *
     * @throws FileAlreadyExistsException when a file is already at {@code path}
     */
    void createExclusive(String path, byte[] content) throws IOException;

    /** Writes {@code content} at {@code path}, replacing what is there. */
    void overwrite(String path, byte[] content) throws IOException;

    /** The content of {@code path}, or empty when there is no file. */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * Kernel's copy (it publishes a catalog-managed table's staged commits with it): the content
     * of {@code source} at {@code destination}, created only if absent unless {@code overwrite}.
     *
     * @throws FileAlreadyExistsException when {@code destination} exists and {@code overwrite} is false
     */
    @Override
    default void copyFileAtomically(String source, String destination, boolean overwrite) throws IOException {
        byte[] content = read(source).orElseThrow(() -> new FileNotFoundException(source));
        if (overwrite) {
            overwrite(destination, content);
        } else {
            createExclusive(destination, content);
        }
    }

    /**
     * Checks that {@code directory} can hold a table: its bucket or container exists and the
     * credentials may list, write and delete below it (a probe file, removed again).
     *
     * @throws IOException naming what failed (no such bucket, access denied, unreachable)
     */
    void checkWritable(String directory) throws IOException;

    @Override
    void close();
}
