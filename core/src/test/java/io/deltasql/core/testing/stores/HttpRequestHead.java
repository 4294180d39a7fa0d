package io.deltasql.core.testing.stores;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of one HTTP/1.1 request as read off a connection (request line and headers, bytes as they came),
 * and how its body is framed, so that the body can be passed on or skipped and the next request found.
 */
final class HttpRequestHead {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;

    /** Runs before each chunk of a body is written on: where {@link FaultProxy} delays. */
    interface BeforeChunk {
        void run() throws IOException;
    }

    private final byte[] bytes;
    private final long contentLength;
    private final boolean chunked;
    private final boolean expectsContinue;

    private HttpRequestHead(byte[] bytes, long contentLength, boolean chunked, boolean expectsContinue) {
        this.bytes = bytes;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.expectsContinue = expectsContinue;
    }

    /** The next request's head, or null when the client closed the connection between requests. */
    static HttpRequestHead read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int ends = 0; // how much of the CR LF CR LF that ends a head was just read
        while (ends < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection closed inside a request head");
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // blank lines before a request line are allowed
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("a request head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            boolean expected = (ends % 2 == 0) ? b == '\r' : b == '\n';
            ends = expected ? ends + 1 : (b == '\r' ? 1 : 0);
        }
        return parse(head.toByteArray());
    }

    private static HttpRequestHead parse(byte[] bytes) throws IOException {
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        long contentLength = 0;
        boolean chunked = false;
        boolean expectsContinue = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = parseLength(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "expect" -> expectsContinue = value.equalsIgnoreCase("100-continue");
                default -> {}
            }
        }
        return new HttpRequestHead(bytes, chunked ? 0 : contentLength, chunked, expectsContinue);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** Whether the client waits for {@code 100 Continue} before it sends the body. */
    boolean expectsContinue() {
        return expectsContinue;
    }

    /** Copies this request's body from {@code in} to {@code out} as it came, chunk by chunk. */
    void copyBody(InputStream in, OutputStream out, BeforeChunk beforeChunk) throws IOException {
        if (chunked) {
            copyChunked(in, out, beforeChunk);
        } else {
            copyExactly(in, out, contentLength, beforeChunk);
        }
        out.flush();
    }

    private static void copyChunked(InputStream in, OutputStream out, BeforeChunk beforeChunk) throws IOException {
        while (true) {
            byte[] sizeLine = readLine(in);
            beforeChunk.run();
            out.write(sizeLine);
            String size = new String(sizeLine, StandardCharsets.ISO_8859_1).trim();
            int extension = size.indexOf(';');
            long length =
                    parseHex(extension < 0 ? size : size.substring(0, extension).trim());
            if (length == 0) {
                byte[] trailer;
                do {
                    trailer = readLine(in);
                    out.write(trailer);
                } while (trailer.length > 2);
                return;
            }
            copyExactly(in, out, length + 2, beforeChunk); // the chunk and its CR LF
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long length, BeforeChunk beforeChunk)
            throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the connection closed inside a request body");
            }
            beforeChunk.run();
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    /** One line with its CR LF. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed inside a chunked request body");
            }
            line.write(b);
            if (previous == '\r' && b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > MAX_LINE_BYTES) {
                throw new IOException("a chunk line longer than " + MAX_LINE_BYTES + " bytes");
            }
            previous = b;
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("a request with Content-Length " + value, e);
        }
    }

    private static long parseHex(String value) throws IOException {
        try {
            return Long.parseLong(value, 16);
        } catch (NumberFormatException e) {
            throw new IOException("a chunk with size " + value, e);
        }
    }
}
