package io.deltasql.core.internal.storage;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
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
import org.apache.hadoop.conf.Configuration;

/**
 * Tables on the local file system. Delta Kernel reads and writes through Hadoop's raw local file
 * system (as before object stores: no {@code .crc} checks, no shared cached file system), the mirror
 * through NIO.
 *
 * <p>Create-if-absent: the content goes to a hidden temp file next to the
 * target and is then hard-linked to the target name. {@code createLink} fails when the target
 * exists, so a file another writer made is never replaced, and the target appears complete or not
 * at all. The temp file is always deleted.
 *
 * <p>No fsync on the way: the file is complete for every reader as soon as it is linked, and only
 * a crash of the machine itself can lose or truncate it. The mirror forces files to disk in the
 * background ({@link #forceFile}, {@link #forceDirectory}) before it records them as mirrored, so a
 * version a crash damaged is still pending, and is rewritten or repaired by the reconciler.
 */
public final class LocalStore implements ObjectStore {
    private final FileIO kernelFiles;

    LocalStore() {
        this.kernelFiles = new HadoopFileIO(rawLocalConfiguration());
    }

    private static Configuration rawLocalConfiguration() {
        Configuration conf = new Configuration();
        // Hadoop resolves class names (fs.file.impl below) through the thread's context class loader
        // by default; in a SQL tool that loaded the driver jar in a class loader of its own, that is
        // the tool's, which does not see the Hadoop classes bundled (and renamed) in the jar.
        conf.setClassLoader(LocalStore.class.getClassLoader());
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        // Named here as well as in Hadoop's core-default.xml (which the shaded driver jar leaves out:
        // the class names in it are not the jar's renamed ones): Kernel's log store writes through it.
        conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.LocalFs");
        return conf;
    }

    @Override
    public void createExclusive(String path, byte[] content) throws IOException {
        createExclusive(new StorePath(path).toLocal(), content);
    }

    /** Creates {@code target} with {@code content} only if absent (see the class comment). */
    public static void createExclusive(Path target, byte[] content) throws IOException {
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

    /** Forces the content of {@code file} to disk. */
    public static void forceFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Makes new directory entries durable where the platform allows it (Linux does; others may not). */
    public static void forceDirectoryEntries(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort only.
        }
    }

    /** Replaces {@code target} atomically with {@code content}, made durable first. */
    public static void replaceAtomically(Path target, byte[] content) throws IOException {
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

    /** Sets the modification time of {@code file}; returns the time the file system now holds. */
    public static long setFileTime(Path file, long millis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
        return Files.getLastModifiedTime(file).toMillis();
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        Path target = new StorePath(path).toLocal();
        Files.createDirectories(target.toAbsolutePath().getParent());
        replaceAtomically(target, content);
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(new StorePath(path).toLocal()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Local locations are checked by the mirror when it first writes (an unwritable one stays pending). */
    @Override
    public void checkWritable(String directory) {}

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        return kernelFiles.listFrom(filePath);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        return kernelFiles.getFileStatus(path);
    }

    @Override
    public String resolvePath(String path) throws IOException {
        return kernelFiles.resolvePath(path);
    }

    @Override
    public boolean mkdirs(String path) throws IOException {
        return kernelFiles.mkdirs(path);
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        return kernelFiles.newInputFile(path, fileSize);
    }

    @Override
    public OutputFile newOutputFile(String path) {
        return kernelFiles.newOutputFile(path);
    }

    @Override
    public boolean delete(String path) throws IOException {
        return kernelFiles.delete(path);
    }

    @Override
    public Optional<String> getConf(String key) {
        return kernelFiles.getConf(key);
    }

    @Override
    public void close() {}
}
