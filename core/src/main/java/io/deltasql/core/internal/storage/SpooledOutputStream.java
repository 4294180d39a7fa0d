package io.deltasql.core.internal.storage;

import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file for an object store written to a local temporary file and uploaded in one piece on
 * {@link #close()}: object stores have no appends, and a file must appear whole or not at all.
 * The temporary file is removed whether the upload succeeds or not.
 */
final class SpooledOutputStream extends PositionOutputStream {
    /** The upload of the finished temporary file. */
    @FunctionalInterface
    interface Upload {
        void from(Path spooled) throws IOException;
    }

    private final Path spool;
    private final OutputStream out;
    private final Upload upload;
    private long position;
    private boolean closed;

    SpooledOutputStream(Upload upload) throws IOException {
        this.upload = upload;
        this.spool = Files.createTempFile("deltasql-upload-", ".tmp");
        try {
            this.out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        out.write(b);
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        out.write(b, off, len);
        position += len;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            upload.from(spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("output stream closed");
        }
    }
}
