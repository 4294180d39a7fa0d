package io.deltasql.core.internal.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobDownloadResponse;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A blob read with ranged GETs from the current position: small reads are served from a window of
 * {@link #WINDOW} bytes fetched at once, reads of a window or more go straight into the caller's
 * array (Parquet column chunks). The end of the blob is learnt from the service's answers, not
 * from the length the caller gave (Kernel opens {@code _last_checkpoint} with length 0). The first
 * answer's ETag is required of every later range, so a blob replaced while being read fails
 * instead of mixing two versions.
 */
final class AzureBlobInputStream extends SeekableInputStream {
    static final int WINDOW = 1 << 20;

    private final BlobClient blob;
    private final AzureLocation location;
    private long position;
    private long length = -1; // unknown until an answer names it
    private String etag;
    private byte[] window = new byte[0];
    private long windowStart;
    private int windowLength;
    private boolean closed;

    AzureBlobInputStream(BlobClient blob, AzureLocation location) {
        this.blob = blob;
        this.location = location;
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new EOFException("seek to " + newPosition + " in " + location.uri());
        }
        position = newPosition;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position < windowStart || position >= windowStart + windowLength) {
            if (length >= 0 && position >= length) {
                return -1;
            }
            if (len >= WINDOW) {
                int n = fetch(position, b, off, len);
                if (n <= 0) {
                    return -1;
                }
                position += n;
                return n;
            }
            if (window.length == 0) {
                window = new byte[WINDOW];
            }
            windowStart = position;
            windowLength = Math.max(0, fetch(position, window, 0, WINDOW));
            if (windowLength == 0) {
                return -1;
            }
        }
        int inWindow = (int) (position - windowStart);
        int n = Math.min(len, windowLength - inWindow);
        System.arraycopy(window, inWindow, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("end of " + location.uri() + " after " + position + " bytes, " + (len - done)
                        + " more expected");
            }
            done += n;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        if (n <= 0) {
            return 0;
        }
        long target = length >= 0 ? Math.min(length, position + n) : position + n;
        long skipped = Math.max(0, target - position);
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return position >= windowStart && position < windowStart + windowLength
                ? (int) (windowStart + windowLength - position)
                : 0;
    }

    @Override
    public void close() {
        closed = true;
        window = new byte[0];
        windowLength = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(location.uri() + ": stream closed");
        }
    }

    /**
     * Reads up to {@code count} bytes at {@code offset} into {@code into}; returns how many came, 0
     * at or past the end of the blob.
     */
    private int fetch(long offset, byte[] into, int at, int count) throws IOException {
        ArrayWriter out = new ArrayWriter(into, at, count);
        BlobRequestConditions sameBlob = etag == null ? null : new BlobRequestConditions().setIfMatch(etag);
        BlobDownloadResponse response;
        try {
            response = blob.downloadStreamWithResponse(
                    out, new BlobRange(offset, (long) count), null, sameBlob, false, null, Context.NONE);
        } catch (RuntimeException e) {
            int status = AzureErrors.status(e);
            if (status == 416) { // the range starts at or after the end
                if (length < 0 || length > offset) {
                    length = offset;
                }
                return 0;
            }
            if (status == 412) {
                throw new IOException(location.uri() + " was replaced while being read (its ETag changed)");
            }
            throw AzureErrors.translate("read", location, e);
        }
        if (etag == null) {
            etag = response.getDeserializedHeaders().getETag();
        }
        long total = totalLength(response.getDeserializedHeaders().getContentRange());
        if (total >= 0) {
            length = total;
        } else if (out.written < count) {
            length = offset + out.written;
        }
        return out.written;
    }

    /** The blob's size from a {@code Content-Range: bytes a-b/size} answer, or -1. */
    private static long totalLength(String contentRange) {
        if (contentRange == null) {
            return -1;
        }
        int slash = contentRange.lastIndexOf('/');
        try {
            return slash < 0
                    ? -1
                    : Long.parseLong(contentRange.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return -1; // "bytes a-b/*": size not told
        }
    }

    /** The bytes of one ranged GET, written into a part of an array; more than asked for is refused. */
    private static final class ArrayWriter extends OutputStream {
        private final byte[] into;
        private final int start;
        private final int capacity;
        int written;

        ArrayWriter(byte[] into, int start, int capacity) {
            this.into = into;
            this.start = start;
            this.capacity = capacity;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > capacity) {
                throw new IOException("the service sent more bytes than the range asked for");
            }
            System.arraycopy(b, off, into, start + written, len);
            written += len;
        }
    }
}
