package io.deltasql.core.files;

/** Reads what a {@link ByteSink} wrote, from a position that advances. */
final class ByteCursor {
    private final byte[] data;
    int pos;

    ByteCursor(byte[] data, int pos) {
        this.data = data;
        this.pos = pos;
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

    int remaining() {
        return data.length - pos;
    }

    void skip(int length) {
        pos += length;
    }
}
