package io.deltasql.core.internal.files;

import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ImmutableStringMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link FileSegment} as bytes, so a stored file list loads straight into the compact form a
 * cached snapshot keeps: the dictionaries, the adds kept whole (as their log JSON) and the
 * encoded records as they are. Reading checks every length against the bytes there are; the
 * store guards the bytes themselves with a checksum.
 */
public final class FileSegmentFormat {
    private FileSegmentFormat() {}

    /** The segment as bytes. */
    public static byte[] toBytes(FileSegment s) {
        ByteSink out = new ByteSink(s.data.length + s.partitionIds.length + 1024);
        write(s, out);
        return out.toArray();
    }

    /** The segment {@link #toBytes} wrote; {@link IllegalArgumentException} for bytes that are not one. */
    public static FileSegment fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0, bytes.length);
    }

    /** The segment {@link #toBytes} wrote into {@code bytes[from, to)}. */
    public static FileSegment fromBytes(byte[] bytes, int from, int to) {
        ByteCursor in = new ByteCursor(bytes, from, to);
        FileSegment s = read(in);
        if (in.remaining() != 0) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the file segment");
        }
        return s;
    }

    static void write(FileSegment s, ByteSink out) {
        out.varLong(s.count);
        out.varLong(s.partitions.length);
        for (Map<String, String> p : s.partitions) {
            out.varLong(p.size());
            for (Map.Entry<String, String> e : p.entrySet()) {
                text(out, e.getKey());
                text(out, e.getValue());
            }
        }
        out.varLong(s.templates.length);
        for (StatsTemplate t : s.templates) {
            out.varLong(t.kinds.length);
            out.write(t.kinds, 0, t.kinds.length);
            for (byte[] literal : t.literals) {
                bytes(out, literal, literal.length);
            }
        }
        out.varLong(s.keptWhole.length);
        for (AddFile a : s.keptWhole) {
            text(out, a.toJson());
        }
        out.varLong(s.idWidth);
        bytes(out, s.partitionIds, s.partitionIds.length);
        out.varLong(s.blockOffsets.length);
        int previous = 0;
        for (int offset : s.blockOffsets) {
            out.varLong(offset - previous);
            previous = offset;
        }
        bytes(out, s.data, s.data.length);
    }

    /** Reads a segment written by {@link #write}; throws {@link IllegalArgumentException} for bytes that are not one. */
    static FileSegment read(ByteCursor in) {
        try {
            int count = count(in, Integer.MAX_VALUE);
            @SuppressWarnings("unchecked")
            Map<String, String>[] partitions = new Map[count(in, in.remaining())];
            for (int i = 0; i < partitions.length; i++) {
                int entries = count(in, in.remaining());
                Map<String, String> values = new LinkedHashMap<>();
                for (int e = 0; e < entries; e++) {
                    String key = text(in);
                    values.put(key, text(in));
                }
                partitions[i] = ImmutableStringMap.copyOf(values);
            }
            StatsTemplate[] templates = new StatsTemplate[count(in, in.remaining())];
            for (int i = 0; i < templates.length; i++) {
                byte[] kinds = raw(in, count(in, in.remaining()));
                byte[][] literals = new byte[kinds.length + 1][];
                for (int k = 0; k < literals.length; k++) {
                    literals[k] = raw(in, count(in, in.remaining()));
                }
                templates[i] = new StatsTemplate(literals, kinds);
            }
            AddFile[] kept = new AddFile[count(in, in.remaining())];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = (AddFile) ActionCodec.parse(text(in));
            }
            int idWidth = in.varInt();
            if (idWidth != 1 && idWidth != 2 && idWidth != 4) {
                throw new IllegalArgumentException("partition id width " + idWidth);
            }
            byte[] ids = raw(in, count(in, in.remaining()));
            int[] blockOffsets = new int[count(in, in.remaining())];
            int offset = 0;
            for (int b = 0; b < blockOffsets.length; b++) {
                offset += in.varInt();
                blockOffsets[b] = offset;
            }
            byte[] data = raw(in, count(in, in.remaining()));
            if (ids.length != (long) count * idWidth
                    || blockOffsets.length != (count + FileSegment.BLOCK - 1) / FileSegment.BLOCK
                    || (blockOffsets.length > 0 && (blockOffsets[0] != 0 || offset >= data.length))) {
                throw new IllegalArgumentException("inconsistent segment of " + count + " files");
            }
            return new FileSegment(count, partitions, ids, idWidth, templates, kept, data, blockOffsets);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("not a file segment: " + e, e);
        }
    }

    private static int count(ByteCursor in, int max) {
        long n = in.varLong();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("count " + n + " exceeds " + max);
        }
        return (int) n;
    }

    private static void bytes(ByteSink out, byte[] b, int length) {
        out.varLong(length);
        out.write(b, 0, length);
    }

    private static byte[] raw(ByteCursor in, int length) {
        byte[] b = Arrays.copyOfRange(in.data(), in.pos, in.pos + length);
        in.skip(length);
        return b;
    }

    /** A string, or null (written as length 0; a present string as its length + 1). */
    private static void text(ByteSink out, String s) {
        if (s == null) {
            out.varLong(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.varLong(b.length + 1L);
        out.write(b, 0, b.length);
    }

    private static String text(ByteCursor in) {
        int n = count(in, in.remaining() + 1);
        if (n == 0) {
            return null;
        }
        String s = new String(in.data(), in.pos, n - 1, StandardCharsets.UTF_8);
        in.skip(n - 1);
        return s;
    }
}
