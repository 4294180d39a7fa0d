package io.deltasql.core.internal.files;

import io.deltasql.core.FileFilter;
import io.deltasql.core.FileKey;
import io.deltasql.core.protocol.AddFile;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A cached snapshot's active files as a read-only list over compact {@link FileSegment}s, in the
 * order they were given. Each element is decoded when it is read: iterating costs one small
 * object per file, and a file's path and stats are decoded only when asked for.
 *
 * <p>Advancing to a later version shares every segment: files a commit removed are marked gone
 * in a bit set of their segment's (copied on write), and added files form new segments. A
 * segment that has lost a quarter of its files is re-encoded without them, and small segments
 * are merged once there are more than a few, so the list stays compact under many small commits.
 */
public final class CompactFileList extends AbstractList<AddFile> implements RandomAccess {
    private static final CompactFileList EMPTY = new CompactFileList(new Part[0]);
    /** Small segments tolerated before they are merged. */
    private static final int MAX_SMALL_SEGMENTS = 8;

    /**
     * A segment, the positions of its files that are gone (null when none), and whether an
     * advance appended it (added files), as one piece of the list. Only appended segments are
     * merged when small: a checkpoint's segments are small on purpose (one partition each).
     */
    private record Part(FileSegment segment, long[] removed, int live, boolean appended) {
        static Part of(FileSegment segment) {
            return new Part(segment, null, segment.size(), false);
        }

        static Part appended(FileSegment segment) {
            return new Part(segment, null, segment.size(), true);
        }

        boolean isRemoved(int position) {
            return removed != null && (removed[position >>> 6] & (1L << position)) != 0;
        }

        /** The position of the {@code k}-th file still present. */
        int position(int k) {
            if (removed == null) {
                return k;
            }
            int remaining = k;
            for (int w = 0; w < removed.length; w++) {
                int present = 64 - Long.bitCount(removed[w]);
                if (remaining < present) {
                    long free = ~removed[w];
                    for (int i = 0; i < remaining; i++) {
                        free &= free - 1; // drop the lowest present position
                    }
                    return (w << 6) + Long.numberOfTrailingZeros(free);
                }
                remaining -= present;
            }
            throw new IndexOutOfBoundsException("file " + k + " of " + live);
        }
    }

    private final Part[] parts;
    /** Index of each part's first file, plus the total at the end. */
    private final int[] starts;

    private CompactFileList(Part[] parts) {
        this.parts = parts;
        this.starts = new int[parts.length + 1];
        for (int p = 0; p < parts.length; p++) {
            starts[p + 1] = starts[p] + parts[p].live();
        }
    }

    /** The files, in order, encoded compactly ({@code files} itself when it already is such a list). */
    public static CompactFileList of(List<AddFile> files) {
        if (files instanceof CompactFileList compact) {
            return compact;
        }
        return files.isEmpty()
                ? EMPTY
                : new CompactFileList(encode(files).stream().map(Part::of).toArray(Part[]::new));
    }

    /** The files of these segments, in order. */
    public static CompactFileList ofSegments(List<FileSegment> segments) {
        return segments.isEmpty()
                ? EMPTY
                : new CompactFileList(segments.stream().map(Part::of).toArray(Part[]::new));
    }

    /**
     * Segments holding exactly this list's files, in order, to store: the list's own segments,
     * except that a segment with files marked gone is re-encoded without them.
     */
    public List<FileSegment> segments() {
        List<FileSegment> out = new ArrayList<>(parts.length);
        for (Part p : parts) {
            if (p.removed() == null) {
                out.add(p.segment());
            } else {
                out.addAll(encode(present(p)));
            }
        }
        return out;
    }

    /** Segments of the files in order; a large list encodes on every core, segments being independent. */
    private static List<FileSegment> encode(List<AddFile> files) {
        int n = files.size();
        List<List<AddFile>> chunks = new ArrayList<>();
        for (int from = 0; from < n; from += FileSegment.MAX_FILES) {
            chunks.add(files.subList(from, Math.min(n, from + FileSegment.MAX_FILES)));
        }
        return (chunks.size() == 1 ? chunks.stream() : chunks.parallelStream())
                .map(FileSegment::of)
                .toList();
    }

    @Override
    public int size() {
        return starts[parts.length];
    }

    @Override
    public AddFile get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("file " + index + " of " + size());
        }
        int p = Arrays.binarySearch(starts, 0, parts.length, index);
        p = p >= 0 ? p : -p - 2;
        while (parts[p].live() == 0) {
            p++; // a binary search can land on an empty part sharing its start with the next
        }
        Part part = parts[p];
        return part.segment().file(part.position(index - starts[p]));
    }

    @Override
    public Iterator<AddFile> iterator() {
        return new Cursor(null);
    }

    /** The files that pass {@code filter}, in list order. */
    public List<AddFile> select(FileFilter filter) {
        if (filter.isAll()) {
            return this;
        }
        if (filter.paths() != null) {
            List<AddFile> selected = new ArrayList<>();
            for (AddFile f : this) {
                if (filter.matches(f)) {
                    selected.add(f);
                }
            }
            return selected;
        }
        return selectPartitions(filter::matchesPartition);
    }

    /** The files whose partition values pass {@code test}, in list order; each distinct partition is tested once. */
    public List<AddFile> selectPartitions(Predicate<Map<String, String>> test) {
        boolean[][] wanted = new boolean[parts.length][];
        for (int p = 0; p < parts.length; p++) {
            FileSegment segment = parts[p].segment();
            wanted[p] = new boolean[segment.partitionCount()];
            for (int id = 0; id < wanted[p].length; id++) {
                wanted[p][id] = test.test(segment.partition(id));
            }
        }
        List<AddFile> selected = new ArrayList<>();
        new Cursor(wanted).forEachRemaining(selected::add);
        return selected;
    }

    /**
     * This list at a later version: without the files whose key is in {@code dropped}, then with
     * {@code added}. This list is unchanged.
     */
    public CompactFileList advance(Set<FileKey> dropped, List<AddFile> added) {
        if (dropped.isEmpty() && added.isEmpty()) {
            return this;
        }
        int[] droppedHashes = dropped.stream()
                .mapToInt(k -> k.path().hashCode())
                .sorted()
                .distinct()
                .toArray();
        List<Part> next = new ArrayList<>(parts.length + 1);
        for (Part part : parts) {
            Part kept = droppedHashes.length == 0 ? part : without(part, droppedHashes, dropped);
            if (kept.live() == 0) {
                continue;
            }
            if (kept.live() < kept.segment().size() * 3 / 4) {
                encode(present(kept)).forEach(s -> next.add(new Part(s, null, s.size(), kept.appended())));
            } else {
                next.add(kept);
            }
        }
        if (!added.isEmpty()) {
            encode(added).forEach(s -> next.add(Part.appended(s)));
        }
        return new CompactFileList(mergeSmall(next).toArray(new Part[0]));
    }

    /** The part with the dropped files marked gone (itself when it holds none of them). */
    private static Part without(Part part, int[] droppedHashes, Set<FileKey> dropped) {
        FileSegment segment = part.segment();
        int[] hashes = segment.pathHashes();
        long[] removed = part.removed();
        int live = part.live();
        for (int position = 0; position < hashes.length; position++) {
            if (Arrays.binarySearch(droppedHashes, hashes[position]) < 0 || part.isRemoved(position)) {
                continue;
            }
            if (!dropped.contains(FileKey.of(segment.file(position)))) {
                continue; // another path with the same hash, or the same path with another deletion vector
            }
            if (removed == part.removed()) {
                removed = part.removed() == null
                        ? new long[(hashes.length + 63) >>> 6]
                        : part.removed().clone();
            }
            removed[position >>> 6] |= 1L << position;
            live--;
        }
        return removed == part.removed() ? part : new Part(segment, removed, live, part.appended());
    }

    /** The files of a part still present, in order. */
    private static List<AddFile> present(Part part) {
        List<AddFile> files = new ArrayList<>(part.live());
        new CompactFileList(new Part[] {part}).forEach(files::add);
        return files;
    }

    /**
     * Small segments that advances appended are re-encoded together once there are more than a
     * few, so many small commits neither fragment the list nor slow its reads.
     */
    private static List<Part> mergeSmall(List<Part> parts) {
        int small = 0;
        for (Part p : parts) {
            if (isSmallAppended(p)) {
                small++;
            }
        }
        if (small <= MAX_SMALL_SEGMENTS) {
            return parts;
        }
        List<Part> merged = new ArrayList<>();
        List<AddFile> pending = new ArrayList<>();
        for (Part p : parts) {
            if (isSmallAppended(p)) {
                pending.addAll(present(p));
            } else {
                merged.add(p);
            }
        }
        encode(pending).forEach(s -> merged.add(Part.appended(s)));
        return merged;
    }

    private static boolean isSmallAppended(Part p) {
        return p.appended() && p.live() < FileSegment.MAX_FILES / 2;
    }

    /** Reads the files in order, block by block; with {@code wanted}, only files of wanted partitions. */
    private final class Cursor implements Iterator<AddFile> {
        private final boolean[][] wanted;
        private int partIndex = -1;
        private int position;
        private Part part;
        private FileSegment segment;
        private FileSegment.Reader reader;
        private FileSegment.BlockTexts blockTexts;
        private int readerBlock = -1;
        private AddFile next;

        Cursor(boolean[][] wanted) {
            this.wanted = wanted;
            advance();
        }

        private void advance() {
            next = null;
            while (true) {
                if (segment == null || position == segment.size()) {
                    if (++partIndex == parts.length) {
                        return;
                    }
                    part = parts[partIndex];
                    segment = part.segment();
                    reader = segment.reader();
                    readerBlock = -1;
                    position = 0;
                    continue;
                }
                int at = position++;
                if (part.isRemoved(at) || (wanted != null && !wanted[partIndex][segment.partitionId(at)])) {
                    continue;
                }
                int block = at / FileSegment.BLOCK;
                if (block != readerBlock) {
                    reader.seekBlock(block);
                    readerBlock = block;
                    blockTexts = new FileSegment.BlockTexts(segment, block);
                }
                while (reader.index <= at) {
                    reader.next();
                }
                next = reader.add(blockTexts);
                return;
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public AddFile next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            AddFile f = next;
            advance();
            return f;
        }
    }
}
