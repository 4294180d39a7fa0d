package io.deltasql.core.mirror;

import io.deltasql.core.internal.mirror.LogFiles;
import io.deltasql.core.internal.storage.StorePath;
import java.io.IOException;
import java.util.Optional;

/** The real file operations, with faults switched on and off by the test. */
final class FaultyLogFiles implements LogFiles {
    enum Fault {
        NONE,
        BEFORE_WRITE,
        AFTER_WRITE
    }

    private final LogFiles real = LogFiles.local();
    volatile Fault fault = Fault.NONE;
    /** Forcing files to disk fails (an fsync error): written files are never recorded as mirrored. */
    volatile boolean failForce;
    /** Setting a commit file's modification time fails (a store that keeps its own times). */
    volatile boolean failTimes;

    @Override
    public void createExclusive(StorePath target, byte[] content) throws IOException {
        if (fault == Fault.BEFORE_WRITE) {
            throw new IOException("injected: No space left on device");
        }
        real.createExclusive(target, content);
        if (fault == Fault.AFTER_WRITE) {
            throw new IOException("injected: connection to the file server lost after the write");
        }
    }

    @Override
    public void force(StorePath file) throws IOException {
        if (failForce) {
            throw new IOException("injected: fsync failed");
        }
        real.force(file);
    }

    @Override
    public long setModificationTime(StorePath file, long millis) throws IOException {
        if (failTimes) {
            throw new IOException("injected: Operation not permitted");
        }
        return real.setModificationTime(file, millis);
    }

    @Override
    public Optional<byte[]> read(StorePath file) throws IOException {
        return real.read(file);
    }

    @Override
    public boolean exists(StorePath file) throws IOException {
        return real.exists(file);
    }

    @Override
    public void forceDirectory(StorePath directory) throws IOException {
        real.forceDirectory(directory);
    }

    @Override
    public void replaceIncomplete(StorePath target, byte[] content) throws IOException {
        real.replaceIncomplete(target, content);
    }

    @Override
    public boolean hasCheckpoint(StorePath logDirectory, long version) throws IOException {
        return real.hasCheckpoint(logDirectory, version);
    }
}
