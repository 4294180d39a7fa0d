package io.deltasql.core.mirror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Create-if-absent on a local file system: the content goes to a hidden temp file next to the
 * target, is forced to disk, and is then hard-linked to the target name. {@code createLink} fails
 * when the target exists, so a file another writer made is never replaced, and the target appears
 * complete or not at all. The temp file is always deleted.
 */
final class LocalLogFiles implements LogFiles {
    static final LocalLogFiles INSTANCE = new LocalLogFiles();

    private LocalLogFiles() {
    }

    @Override
    public void createExclusive(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException notADirectory) {
            // Not the target existing: something that is not a directory stands where the log should be.
            throw new NotDirectoryException(dir + " exists and is not a directory");
        }
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        // Hidden, and not a version name: Delta readers ignore it should it ever be left behind.
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException noHardLinks) {
                // A file system without hard links: CREATE_NEW still never replaces a file.
                Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    /** Makes the new directory entry durable where the platform allows it (Linux does; others may not). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort only.
        }
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
