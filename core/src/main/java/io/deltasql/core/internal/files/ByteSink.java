package io.deltasql.core.internal.files;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the variable-length integer forms the compact file list uses. */
final class ByteSink {
    private byte[] data;
    private int size;

    ByteSink(int capacity) {
        data = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] data() {
        return data;
    }

    /** The bytes written, in an array of exactly their length. */
    byte[] toArray() {
        return Arrays.copyOf(data, size);
    }

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > data.length) {
            data = Arrays.copyOf(data, Math.max(size + more, data.length * 2));
        }
    }

    void write(int b) {
        ensure(1);
        data[size++] = (byte) b;
    }

    void write(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, data, size, length);
        size += length;
    }

    /** An unsigned LEB128 number: 7 bits per byte, low bits first. */
    void varLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            data[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        data[size++] = (byte) v;
    }

    /** A signed number, small in magnitude when close to zero (zigzag, then LEB128). */
    void zigzag(long v) {
        varLong((v << 1) ^ (v >> 63));
    }

    /** Appends a number in decimal ASCII, as {@link Long#toString(long)} writes it. */
    void decimal(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            byte[] min = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            write(min, 0, min.length);
            return;
        }
        if (v < 0) {
            data[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            data[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += digits;
    }
}
