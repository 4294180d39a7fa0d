package io.deltasql.core.internal.files;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes and reads the values of stats texts inside one block of a {@link FileSegment}. When a
 * file's stats have the same template as the previous file's, numbers are stored as differences
 * from the previous values and texts share their prefix with the previous texts, so files
 * written in sequence (growing ids, neighbouring timestamps) cost a few bytes each. One instance
 * follows one pass through a block, from its first record.
 */
final class StatsValues {
    /** Template id of the previous file's stats, or -1 when it had none or they were stored whole. */
    private int previousTemplate = -1;

    private long[] numbers = new long[16];
    private byte[][] texts = new byte[16][];
    private int[] textLengths = new int[16];
    private final ByteSink text = new ByteSink(256);

    void reset() {
        previousTemplate = -1;
    }

    /** Stores a text the lexer could not split, or of a shape beyond the segment's template budget. */
    void writeWhole(ByteSink out, byte[] stats, int length) {
        out.varLong(0);
        out.varLong(length);
        out.write(stats, 0, length);
        previousTemplate = -1;
    }

    void write(ByteSink out, int template, StatsLexer lexed, byte[] stats) {
        out.varLong(template + 1);
        boolean same = template == previousTemplate;
        ensure(lexed.values);
        for (int k = 0; k < lexed.values; k++) {
            if (lexed.kinds[k] == StatsTemplate.NUMBER) {
                long v = lexed.numbers[k];
                out.zigzag(v - (same ? numbers[k] : 0));
                numbers[k] = v;
            } else {
                writeText(out, k, same, stats, lexed.starts[k], lexed.ends[k]);
            }
        }
        previousTemplate = template;
    }

    private void writeText(ByteSink out, int k, boolean same, byte[] bytes, int from, int to) {
        int length = to - from;
        int shared = 0;
        if (same) {
            int mismatch = Arrays.mismatch(texts[k], 0, textLengths[k], bytes, from, to);
            shared = mismatch < 0 ? length : mismatch;
        }
        out.varLong(shared);
        out.varLong(length - shared);
        out.write(bytes, from + shared, length - shared);
        texts[k] = fit(texts[k], length, 0);
        System.arraycopy(bytes, from, texts[k], 0, length);
        textLengths[k] = length;
    }

    /** Decodes the next stats text. */
    String read(ByteCursor in, StatsTemplate[] templates) {
        int id = in.varInt() - 1;
        if (id < 0) {
            int length = in.varInt();
            String whole = new String(in.data(), in.pos, length, StandardCharsets.UTF_8);
            in.skip(length);
            previousTemplate = -1;
            return whole;
        }
        StatsTemplate t = templates[id];
        boolean same = id == previousTemplate;
        int n = t.values();
        ensure(n);
        text.clear();
        for (int k = 0; k < n; k++) {
            byte[] literal = t.literals[k];
            text.write(literal, 0, literal.length);
            if (t.kinds[k] == StatsTemplate.NUMBER) {
                long v = in.zigzag() + (same ? numbers[k] : 0);
                numbers[k] = v;
                text.decimal(v);
            } else {
                int shared = in.varInt();
                int rest = in.varInt();
                int length = shared + rest;
                byte[] value = fit(texts[k], length, shared);
                System.arraycopy(in.data(), in.pos, value, shared, rest);
                in.skip(rest);
                texts[k] = value;
                textLengths[k] = length;
                text.write(value, 0, length);
            }
        }
        byte[] last = t.literals[n];
        text.write(last, 0, last.length);
        previousTemplate = id;
        return new String(text.data(), 0, text.size(), StandardCharsets.UTF_8);
    }

    /** Passes over the next stats text without decoding it (a pass that skips never decodes). */
    static void skip(ByteCursor in, StatsTemplate[] templates) {
        int id = in.varInt() - 1;
        if (id < 0) {
            in.skip(in.varInt());
            return;
        }
        StatsTemplate t = templates[id];
        for (int k = 0; k < t.kinds.length; k++) {
            if (t.kinds[k] == StatsTemplate.NUMBER) {
                in.varLong();
            } else {
                in.varLong();
                in.skip(in.varInt());
            }
        }
    }

    private void ensure(int values) {
        if (values > numbers.length) {
            int grown = Math.max(values, numbers.length * 2);
            numbers = Arrays.copyOf(numbers, grown);
            texts = Arrays.copyOf(texts, grown);
            textLengths = Arrays.copyOf(textLengths, grown);
        }
    }

    /** {@code buffer} when it holds {@code length} bytes, else a larger one with its first {@code keep} bytes. */
    private static byte[] fit(byte[] buffer, int length, int keep) {
        if (buffer != null && buffer.length >= length) {
            return buffer;
        }
        byte[] grown = new byte[Math.max(length, 32)];
        if (keep > 0) {
            System.arraycopy(buffer, 0, grown, 0, keep);
        }
        return grown;
    }
}
