package io.deltasql.core.internal.files;

import io.deltasql.core.protocol.AddFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Up to {@link #MAX_FILES} active files of a cached snapshot, encoded compactly and immutable: a
 * dictionary of partition values with one small id per file, and per file one record of bytes.
 * Records come in blocks of {@link #BLOCK}; inside a block, sizes and times are stored as
 * differences from the previous file, paths share their prefix and suffix with the previous
 * path, and stats keep only their values (see {@link StatsTemplate}), as differences from the
 * previous file's values when the shape repeats. So a block decodes on its own, and a file is
 * found by decoding at most one block. Adds with more than the plain fields (deletion vectors,
 * tags, row ids, unknown fields) are kept as they are.
 */
public final class FileSegment {
    public static final int MAX_FILES = 16_384;
    static final int BLOCK = 16;
    /** Distinct stats shapes one segment encodes; a text of any further shape is stored whole. */
    private static final int MAX_TEMPLATES = 256;

    private static final int DATA_CHANGE = 1;
    private static final int HAS_STATS = 2;
    private static final int KEPT_WHOLE = 4;

    final int count;
    final Map<String, String>[] partitions;
    /** Each file's partition id, little-endian in {@link #idWidth} bytes. */
    final byte[] partitionIds;

    final int idWidth;
    final StatsTemplate[] templates;
    final AddFile[] keptWhole;
    final byte[] data;
    final int[] blockOffsets;

    /** Each file's {@code path().hashCode()}, computed on first use (a list's first advance). */
    private volatile int[] pathHashes;

    /** A segment from its parts, as {@link FileSegmentFormat} reads them back. */
    FileSegment(
            int count,
            Map<String, String>[] partitions,
            byte[] partitionIds,
            int idWidth,
            StatsTemplate[] templates,
            AddFile[] keptWhole,
            byte[] data,
            int[] blockOffsets) {
        this.count = count;
        this.partitions = partitions;
        this.partitionIds = partitionIds;
        this.idWidth = idWidth;
        this.templates = templates;
        this.keptWhole = keptWhole;
        this.data = data;
        this.blockOffsets = blockOffsets;
    }

    private FileSegment(Builder b) {
        this.count = b.count;
        @SuppressWarnings("unchecked")
        Map<String, String>[] p = b.partitions.toArray(new Map[0]);
        this.partitions = p;
        this.idWidth = p.length <= 0x100 ? 1 : p.length <= 0x10000 ? 2 : 4;
        this.partitionIds = new byte[count * idWidth];
        for (int i = 0; i < count; i++) {
            int id = b.ids[i];
            for (int k = 0; k < idWidth; k++) {
                partitionIds[i * idWidth + k] = (byte) (id >>> (8 * k));
            }
        }
        this.templates = b.templates.toArray(new StatsTemplate[0]);
        this.keptWhole = b.keptWhole.toArray(new AddFile[0]);
        this.data = b.data.toArray();
        this.blockOffsets = Arrays.copyOf(b.blockOffsets, (count + BLOCK - 1) / BLOCK);
    }

    /** The files, in order, as one segment; at most {@link #MAX_FILES}. */
    public static FileSegment of(List<AddFile> files) {
        if (files.size() > MAX_FILES) {
            throw new IllegalArgumentException(files.size() + " files exceed a segment's " + MAX_FILES);
        }
        Builder b = new Builder();
        files.forEach(b::add);
        return b.build();
    }

    public int size() {
        return count;
    }

    int partitionCount() {
        return partitions.length;
    }

    Map<String, String> partition(int id) {
        return partitions[id];
    }

    int partitionId(int i) {
        if (idWidth == 1) {
            return partitionIds[i] & 0xFF;
        }
        int id = 0;
        for (int k = 0; k < idWidth; k++) {
            id |= (partitionIds[i * idWidth + k] & 0xFF) << (8 * k);
        }
        return id;
    }

    /** A reader of this segment's records that skips paths and stats, positioned by {@link Reader#seekBlock}. */
    Reader reader() {
        return new Reader(false, false);
    }

    /** The file at {@code position}, decoding at most one block. */
    AddFile file(int position) {
        int block = position / BLOCK;
        Reader r = reader();
        r.seekBlock(block);
        while (r.index <= position) {
            r.next();
        }
        return r.add(new BlockTexts(this, block));
    }

    /** Each file's path hash, so an advance finds the files it drops without decoding every path. */
    int[] pathHashes() {
        int[] h = pathHashes;
        if (h == null) {
            h = new int[count];
            for (int block = 0; block * BLOCK < count; block++) {
                String[] paths = blockTexts(block, false);
                for (int i = 0; i < paths.length; i++) {
                    h[block * BLOCK + i] = paths[i].hashCode();
                }
            }
            pathHashes = h;
        }
        return h;
    }

    /** The paths (or stats texts) of one block's files, in order; null stats for files without them. */
    String[] blockTexts(int block, boolean stats) {
        Reader r = new Reader(!stats, stats);
        r.seekBlock(block);
        int n = Math.min(BLOCK, count - block * BLOCK);
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            r.next();
            if (r.keptWhole()) {
                AddFile kept = keptWhole[r.keptIndex];
                texts[i] = stats ? kept.stats() : kept.path();
            } else {
                texts[i] = stats ? r.stats : r.pathText();
            }
        }
        return texts;
    }

    /** Decodes records one after another within a block; {@link #next(boolean)} fills its fields. */
    final class Reader {
        private final ByteCursor in = new ByteCursor(data, 0);
        /** Index in the segment of the record {@link #next} reads. */
        int index;

        int flags;
        long size;
        long time;
        byte[] path = new byte[128];
        int pathLength;
        private byte[] previousPath = new byte[128];
        private int previousPathLength;
        String stats;
        private final boolean withPaths;
        private final StatsValues values;
        int keptIndex;

        private Reader(boolean withPaths, boolean withStats) {
            this.withPaths = withPaths;
            this.values = withStats ? new StatsValues() : null;
        }

        void seekBlock(int block) {
            in.pos = blockOffsets[block];
            index = block * BLOCK;
            size = 0;
            time = 0;
            pathLength = 0;
            if (values != null) {
                values.reset();
            }
        }

        boolean keptWhole() {
            return (flags & KEPT_WHOLE) != 0;
        }

        boolean hasStats() {
            return (flags & HAS_STATS) != 0;
        }

        boolean dataChange() {
            return (flags & DATA_CHANGE) != 0;
        }

        /** Reads the next record of the block. */
        void next() {
            index++;
            stats = null;
            flags = in.readByte();
            if (keptWhole()) {
                keptIndex = in.varInt();
                return;
            }
            size += in.zigzag();
            time += in.zigzag();
            int textsLength = in.varInt();
            int textsEnd = in.pos + textsLength;
            if (!withPaths && values == null) {
                in.pos = textsEnd;
                return;
            }
            if (withPaths) {
                readPath();
            } else {
                in.varLong();
                in.varLong();
                in.skip(in.varInt());
            }
            if (values != null && hasStats()) {
                stats = values.read(in, templates);
            }
            in.pos = textsEnd;
        }

        private void readPath() {
            byte[] swap = previousPath;
            previousPath = path;
            previousPathLength = pathLength;
            path = swap;
            int prefix = in.varInt();
            int suffix = in.varInt();
            int middle = in.varInt();
            int length = prefix + middle + suffix;
            if (path.length < length) {
                path = new byte[Math.max(length, path.length * 2)];
            }
            System.arraycopy(previousPath, 0, path, 0, prefix);
            System.arraycopy(data, in.pos, path, prefix, middle);
            in.skip(middle);
            System.arraycopy(previousPath, previousPathLength - suffix, path, prefix + middle, suffix);
            pathLength = length;
        }

        String pathText() {
            return new String(path, 0, pathLength, StandardCharsets.UTF_8);
        }

        /** The add of the record just read (by a reader that skips texts); {@code texts} decodes its path and stats. */
        AddFile add(AddFile.TextSource texts) {
            int position = index - 1;
            if (keptWhole()) {
                return keptWhole[keptIndex];
            }
            return AddFile.withLazyTexts(
                    partitions[partitionId(position)], size, time, dataChange(), texts, position % BLOCK);
        }
    }

    /**
     * The paths and stats of one block: all paths are decoded the first time one is asked for,
     * and all stats likewise, since a block decodes front to back.
     */
    static final class BlockTexts implements AddFile.TextSource {
        private final FileSegment segment;
        private final int block;
        private volatile String[] paths;
        private volatile String[] stats;

        BlockTexts(FileSegment segment, int block) {
            this.segment = segment;
            this.block = block;
        }

        @Override
        public String path(int handle) {
            String[] p = paths;
            if (p == null) {
                p = segment.blockTexts(block, false);
                paths = p;
            }
            return p[handle];
        }

        @Override
        public String stats(int handle) {
            String[] s = stats;
            if (s == null) {
                s = segment.blockTexts(block, true);
                stats = s;
            }
            return s[handle];
        }
    }

    /** Builds a segment from adds given in order. */
    static final class Builder {
        private final List<Map<String, String>> partitions = new ArrayList<>();
        private final Map<Map<String, String>, Integer> partitionIndex = new HashMap<>();
        private int[] ids = new int[1024];
        private final List<StatsTemplate> templates = new ArrayList<>();
        private final Map<StatsTemplate, Integer> templateIndex = new HashMap<>();
        private final List<AddFile> keptWhole = new ArrayList<>();
        private final ByteSink data = new ByteSink(1 << 12);
        private int[] blockOffsets = new int[64];
        private int count;
        private long previousSize;
        private long previousTime;
        /** One record's path and stats, written after their length so that readers can skip them at once. */
        private final ByteSink texts = new ByteSink(256);

        private byte[] previousPath = new byte[0];
        private Map<String, String> lastPartition;
        private int lastPartitionId;
        private final StatsValues values = new StatsValues();
        private final StatsLexer lexer = new StatsLexer();
        private StatsTemplate lastTemplate;
        private int lastTemplateId;

        int size() {
            return count;
        }

        void add(AddFile f) {
            if (count % BLOCK == 0) {
                startBlock();
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count] = partitionId(f.partitionValues());
            count++;
            if (!f.isPlain()) {
                data.write(KEPT_WHOLE | (f.dataChange() ? DATA_CHANGE : 0));
                data.varLong(keptWhole.size());
                keptWhole.add(f);
                return;
            }
            String stats = f.stats();
            data.write((f.dataChange() ? DATA_CHANGE : 0) | (stats != null ? HAS_STATS : 0));
            data.zigzag(f.size() - previousSize);
            previousSize = f.size();
            data.zigzag(f.modificationTime() - previousTime);
            previousTime = f.modificationTime();
            texts.clear();
            writePath(f.path().getBytes(StandardCharsets.UTF_8));
            if (stats != null) {
                writeStats(stats.getBytes(StandardCharsets.UTF_8));
            }
            data.varLong(texts.size());
            data.write(texts.data(), 0, texts.size());
        }

        private void startBlock() {
            int block = count / BLOCK;
            if (block == blockOffsets.length) {
                blockOffsets = Arrays.copyOf(blockOffsets, block * 2);
            }
            blockOffsets[block] = data.size();
            previousSize = 0;
            previousTime = 0;
            previousPath = new byte[0];
            values.reset();
        }

        private int partitionId(Map<String, String> p) {
            if (p == lastPartition) {
                return lastPartitionId;
            }
            Integer id = partitionIndex.get(p);
            if (id == null) {
                id = partitions.size();
                partitions.add(p);
                partitionIndex.put(p, id);
            }
            lastPartition = p;
            lastPartitionId = id;
            return id;
        }

        private void writePath(byte[] now) {
            byte[] before = previousPath;
            int length = now.length;
            int max = Math.min(length, before.length);
            int mismatch = Arrays.mismatch(now, 0, max, before, 0, max);
            int prefix = mismatch < 0 ? max : mismatch;
            int suffix = 0;
            while (suffix < max - prefix && now[length - 1 - suffix] == before[before.length - 1 - suffix]) {
                suffix++;
            }
            texts.varLong(prefix);
            texts.varLong(suffix);
            texts.varLong(length - prefix - suffix);
            texts.write(now, prefix, length - prefix - suffix);
            previousPath = now;
        }

        private void writeStats(byte[] stats) {
            int id = -1;
            if (lastTemplate != null && lexer.lexAs(lastTemplate, stats, stats.length)) {
                id = lastTemplateId;
            } else if (lexer.lex(stats, stats.length)) {
                StatsTemplate t = lexer.template(stats, stats.length);
                Integer known = templateIndex.get(t);
                if (known == null && templates.size() < MAX_TEMPLATES) {
                    known = templates.size();
                    templates.add(t);
                    templateIndex.put(t, known);
                }
                if (known != null) {
                    id = known;
                    lastTemplate = templates.get(id);
                    lastTemplateId = id;
                }
            }
            if (id < 0) {
                values.writeWhole(texts, stats, stats.length);
            } else {
                values.write(texts, id, lexer, stats);
            }
        }

        FileSegment build() {
            return new FileSegment(this);
        }
    }
}
