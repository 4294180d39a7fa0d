package io.deltasql.core.internal.files;

/** Reads what a {@link ByteSink} wrote, from a position that advances up to an end. */
final class ByteCursor {
    private final byte[] data;
    private final int end;
    int pos;

    ByteCursor(byte[] data, int pos) {
        this(data, pos, data.length);
    }

    /** A cursor over {@code data[pos, end)}: a stored value read in place, without copying it out of its frame. */
    ByteCursor(byte[] data, int pos, int end) {
        this.data = data;
        this.pos = pos;
        this.end = end;
    }

    byte[] data() {
        return data;
    }

    int readByte() {
        return data[pos++] & 0xFF;
    }

    long varLong() {
        long v = 0;
        int shift = 0;
        byte b;
        do {
            b = data[pos++];
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return v;
    }

    int varInt() {
        return (int) varLong();
    }

    long zigzag() {
        long v = varLong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** Bytes left before the end; negative once a read ran past it. */
    int remaining() {
        return end - pos;
    }

    void skip(int length) {
        pos += length;
    }
}
