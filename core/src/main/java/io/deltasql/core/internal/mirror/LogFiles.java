package io.deltasql.core.internal.mirror;

import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.internal.storage.LocalStore;
import io.deltasql.core.internal.storage.ObjectStore;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;

/**
 * The file operations the mirror performs in a table's {@code _delta_log}, on whichever store the
 * table lives ({@link #on(Storage)}); tests substitute an implementation that fails on demand.
 * Local files are made durable by the mirror ({@link #force}); an object store's write is durable
 * when it returns.
 */
public interface LogFiles {
    /**
     * Creates {@code target} holding exactly {@code content}, only if it does not exist: a reader
     * never sees a partial file, and an existing file is never replaced (locally a hard link, on
     * object stores the store's conditional write). A local file is visible on return but not yet
     * durable: {@link #force} makes it so.
     *
     * @throws FileAlreadyExistsException when {@code target} already exists (whoever wrote it)
     */
    void createExclusive(StorePath target, byte[] content) throws IOException;

    /** Forces the content of {@code file} to disk (nothing to do on an object store). */
    void force(StorePath file) throws IOException;

    /** Forces the entries of {@code directory} (files created in it) to disk (nothing to do on an object store). */
    void forceDirectory(StorePath directory) throws IOException;

    /**
     * Replaces {@code target} atomically with {@code content}, made durable first. Only for a commit
     * file that a crash left incomplete (see {@code MirrorWriter}); never for one with other content.
     */
    void replaceIncomplete(StorePath target, byte[] content) throws IOException;

    /**
     * Gives the commit file {@code file} the modification time {@code millis} (the commit's catalog
     * timestamp: Delta readers without in-commit timestamps take a commit's time from its file) and
     * returns the time the store now holds for it. A store that cannot set it returns its own time,
     * for the caller to compare with the catalog's; object stores never can, and the mirror does
     * not ask them.
     */
    long setModificationTime(StorePath file, long millis) throws IOException;

    /** The content of {@code file}, or empty when it does not exist. */
    Optional<byte[]> read(StorePath file) throws IOException;

    boolean exists(StorePath file) throws IOException;

    /** Creates {@code directory} (and its parents) where the store has directories: locally; object stores have none. */
    default void createDirectories(StorePath directory) throws IOException {
        if (directory.isLocal()) {
            Files.createDirectories(directory.toLocal());
        }
    }

    /**
     * True when a checkpoint of {@code version} is in {@code logDirectory}, of any kind Delta names:
     * classic ({@code <v>.checkpoint.parquet}), multi-part or UUID-named V2.
     */
    boolean hasCheckpoint(StorePath logDirectory, long version) throws IOException;

    /** The mirror's file operations on the stores of {@code storage}. */
    static LogFiles on(Storage storage) {
        return new StoreLogFiles(storage);
    }

    /** Local files only (and object stores through their default credentials). */
    static LogFiles local() {
        return on(Storage.defaults());
    }

    /** {@link LogFiles} over a {@link Storage}: NIO for local files, the store's API otherwise. */
    final class StoreLogFiles implements LogFiles {
        private final Storage storage;

        private StoreLogFiles(Storage storage) {
            this.storage = storage;
        }

        private ObjectStore store(StorePath p) {
            return storage.store(p);
        }

        @Override
        public void createExclusive(StorePath target, byte[] content) throws IOException {
            store(target).createExclusive(target.value(), content);
        }

        @Override
        public void force(StorePath file) throws IOException {
            if (file.isLocal()) {
                LocalStore.forceFile(file.toLocal());
            }
        }

        @Override
        public void forceDirectory(StorePath directory) {
            if (directory.isLocal()) {
                LocalStore.forceDirectoryEntries(directory.toLocal());
            }
        }

        @Override
        public void replaceIncomplete(StorePath target, byte[] content) throws IOException {
            if (target.isLocal()) {
                LocalStore.replaceAtomically(target.toLocal(), content);
            } else {
                store(target).overwrite(target.value(), content);
            }
        }

        @Override
        public long setModificationTime(StorePath file, long millis) throws IOException {
            if (file.isLocal()) {
                return LocalStore.setFileTime(file.toLocal(), millis);
            }
            return store(file).getFileStatus(file.value()).getModificationTime();
        }

        @Override
        public Optional<byte[]> read(StorePath file) throws IOException {
            return store(file).read(file.value());
        }

        @Override
        public boolean exists(StorePath file) throws IOException {
            try {
                store(file).getFileStatus(file.value());
                return true;
            } catch (FileNotFoundException | NoSuchFileException e) {
                return false;
            }
        }

        @Override
        public boolean hasCheckpoint(StorePath logDirectory, long version) throws IOException {
            String prefix = String.format(Locale.ROOT, "%020d.checkpoint.", version);
            if (logDirectory.isLocal() && !Files.isDirectory(logDirectory.toLocal())) {
                return false;
            }
            try (CloseableIterator<FileStatus> files =
                    store(logDirectory).listFrom(logDirectory.resolve(prefix).value())) {
                return files.hasNext() && nameOf(files.next().getPath()).startsWith(prefix);
            } catch (FileNotFoundException | NoSuchFileException e) {
                return false;
            }
        }

        private static String nameOf(String path) {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
