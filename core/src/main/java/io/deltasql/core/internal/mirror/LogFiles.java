package io.deltasql.core.internal.mirror;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The file operations the mirror performs in a table's {@code _delta_log}. {@link #local()} is the
 * real file system; tests substitute an implementation that fails on demand.
 */
public interface LogFiles {
    /**
     * Creates {@code target} (and its missing parent directories) holding exactly {@code content},
     * only if it does not exist: a reader never sees a partial file, and an existing file is never
     * replaced. The file is visible on return but not yet durable: {@link #force} makes it so.
     *
     * @throws FileAlreadyExistsException when {@code target} already exists (whoever wrote it)
     */
    void createExclusive(Path target, byte[] content) throws IOException;

    /** Forces the content of {@code file} to disk. */
    default void force(Path file) throws IOException {
        LocalLogFiles.forceFile(file);
    }

    /** Forces the entries of {@code directory} (files created in it) to disk. */
    default void forceDirectory(Path directory) throws IOException {
        LocalLogFiles.forceDirectoryEntries(directory);
    }

    /**
     * Replaces {@code target} atomically with {@code content}, made durable first. Only for a commit
     * file that a crash left incomplete (see {@code MirrorWriter}); never for one with other content.
     */
    default void replaceIncomplete(Path target, byte[] content) throws IOException {
        LocalLogFiles.replaceAtomically(target, content);
    }

    /**
     * Gives the commit file {@code file} the modification time {@code millis} (the commit's catalog
     * timestamp: Delta readers without in-commit timestamps take a commit's time from its file) and
     * returns the time the store now holds for it. A store that cannot set it returns its own time,
     * for the caller to compare with the catalog's.
     */
    default long setModificationTime(Path file, long millis) throws IOException {
        return LocalLogFiles.setFileTime(file, millis);
    }

    /** The content of {@code file}, or empty when it does not exist. */
    Optional<byte[]> read(Path file) throws IOException;

    boolean exists(Path file) throws IOException;

    /**
     * True when a checkpoint of {@code version} is in {@code logDirectory}, of any kind Delta names:
     * classic ({@code <v>.checkpoint.parquet}), multi-part or UUID-named V2.
     */
    default boolean hasCheckpoint(Path logDirectory, long version) throws IOException {
        if (exists(TableLocations.checkpointFile(logDirectory, version))) {
            return true;
        }
        String prefix = String.format(Locale.ROOT, "%020d.checkpoint.", version);
        if (!Files.isDirectory(logDirectory)) {
            return false;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(logDirectory, prefix + "*")) {
            return found.iterator().hasNext();
        }
    }

    /** The local file system: temp file in the same directory, then a hard link to the target. */
    static LogFiles local() {
        return LocalLogFiles.INSTANCE;
    }
}
