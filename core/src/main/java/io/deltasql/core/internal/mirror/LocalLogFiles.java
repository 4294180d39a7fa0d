package io.deltasql.core.internal.mirror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Create-if-absent on a local file system: the content goes to a hidden temp file next to the
 * target and is then hard-linked to the target name. {@code createLink} fails when the target
 * exists, so a file another writer made is never replaced, and the target appears complete or not
 * at all. The temp file is always deleted.
 *
 * <p>No fsync on the way: the file is complete for every reader as soon as it is linked, and only
 * a crash of the machine itself can lose or truncate it. The mirror forces files to disk in the
 * background ({@link #forceFile}, {@link #forceDirectory}) before it records them as mirrored, so a
 * version a crash damaged is still pending, and is rewritten or repaired by the reconciler.
 */
public final class LocalLogFiles implements LogFiles {
    static final LocalLogFiles INSTANCE = new LocalLogFiles();

    private LocalLogFiles() {}

    @Override
    public void createExclusive(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = tempFor(target);
        try {
            writeNew(temp, content, false);
        } catch (IOException e) {
            if (Files.isDirectory(dir)) {
                throw e;
            }
            // The first version of a table: its log directory does not exist yet.
            createDirectories(dir);
            writeNew(temp, content, false);
        }
        try {
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException noHardLinks) {
                // A file system without hard links: CREATE_NEW still never replaces a file.
                Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException notADirectory) {
            // Not the target existing: something that is not a directory stands where the log should be.
            throw new NotDirectoryException(dir + " exists and is not a directory");
        }
    }

    /**
     * Hidden, and not a version name: Delta readers ignore it should it ever be left behind (a crash
     * mid-write); {@link StaleTempFiles} recognises the pattern and removes old ones.
     */
    private static Path tempFor(Path target) {
        return target.toAbsolutePath()
                .getParent()
                .resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Writes a new file; if anything fails once it exists (a write, the force, the close), the file is removed. */
    private static void writeNew(Path file, byte[] content, boolean force) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel ch = channel) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (force) {
                ch.force(true);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    static void forceFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Makes new directory entries durable where the platform allows it (Linux does; others may not). */
    static void forceDirectoryEntries(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort only.
        }
    }

    static void replaceAtomically(Path target, byte[] content) throws IOException {
        Path temp = tempFor(target);
        try {
            writeNew(temp, content, true);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectoryEntries(target.toAbsolutePath().getParent());
    }

    static long setFileTime(Path file, long millis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
        return Files.getLastModifiedTime(file).toMillis();
    }

    @Override
    public Optional<byte[]> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(Path file) {
        return Files.exists(file);
    }
}
