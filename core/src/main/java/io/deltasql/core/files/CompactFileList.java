package io.deltasql.core.files;

import io.deltasql.core.FileFilter;
import io.deltasql.core.FileKey;
import io.deltasql.core.protocol.AddFile;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A cached snapshot's active files as a read-only list over compact {@link FileSegment}s, in the
 * order they were given. Each element is decoded when it is read: iterating costs one small
 * object per file, and a file's stats text is decoded only when asked for. Advancing to a later
 * version shares every segment the commits in between left untouched.
 */
public final class CompactFileList extends AbstractList<AddFile> implements RandomAccess {
    private static final CompactFileList EMPTY = new CompactFileList(new FileSegment[0]);

    private final FileSegment[] segments;
    /** Index of each segment's first file, plus the total at the end. */
    private final int[] starts;

    private CompactFileList(FileSegment[] segments) {
        this.segments = segments;
        this.starts = new int[segments.length + 1];
        for (int s = 0; s < segments.length; s++) {
            starts[s + 1] = starts[s] + segments[s].size();
        }
    }

    /** The files, in order, encoded compactly ({@code files} itself when it already is such a list). */
    public static CompactFileList of(List<AddFile> files) {
        if (files instanceof CompactFileList compact) {
            return compact;
        }
        if (files.isEmpty()) {
            return EMPTY;
        }
        // Segments encode independently: a large list uses every core.
        int n = files.size();
        List<List<AddFile>> chunks = new ArrayList<>();
        for (int from = 0; from < n; from += FileSegment.MAX_FILES) {
            chunks.add(files.subList(from, Math.min(n, from + FileSegment.MAX_FILES)));
        }
        FileSegment[] segments = (chunks.size() == 1 ? chunks.stream() : chunks.parallelStream())
                .map(FileSegment::of).toArray(FileSegment[]::new);
        return new CompactFileList(segments);
    }

    private static void appendSegments(List<FileSegment> out, Iterable<AddFile> files) {
        FileSegment.Builder b = new FileSegment.Builder();
        for (AddFile f : files) {
            b.add(f);
            if (b.size() == FileSegment.MAX_FILES) {
                out.add(b.build());
                b = new FileSegment.Builder();
            }
        }
        if (b.size() > 0) {
            out.add(b.build());
        }
    }

    /** The files of these segments, in order. */
    public static CompactFileList ofSegments(List<FileSegment> segments) {
        return segments.isEmpty() ? EMPTY : new CompactFileList(segments.toArray(new FileSegment[0]));
    }

    /** The segments holding the files, in order (immutable; shared with lists advanced from this one). */
    public List<FileSegment> segments() {
        return List.of(segments);
    }

    @Override
    public int size() {
        return starts[segments.length];
    }

    @Override
    public AddFile get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("file " + index + " of " + size());
        }
        int s = segmentOf(index);
        FileSegment segment = segments[s];
        int local = index - starts[s];
        int block = local / FileSegment.BLOCK;
        FileSegment.Reader r = segment.reader();
        r.seekBlock(block);
        for (int i = block * FileSegment.BLOCK; i <= local; i++) {
            r.next();
        }
        return r.add(new FileSegment.BlockTexts(segment, block));
    }

    private int segmentOf(int index) {
        int s = Arrays.binarySearch(starts, 0, segments.length, index);
        return s >= 0 ? s : -s - 2;
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
        List<AddFile> selected = new ArrayList<>();
        if (filter.paths() != null) {
            for (AddFile f : this) {
                if (filter.matches(f)) {
                    selected.add(f);
                }
            }
            return selected;
        }
        // Each distinct partition is tested once; only the files of matching ones are decoded.
        boolean[][] wanted = new boolean[segments.length][];
        for (int s = 0; s < segments.length; s++) {
            wanted[s] = new boolean[segments[s].partitionCount()];
            for (int p = 0; p < wanted[s].length; p++) {
                wanted[s][p] = filter.matchesPartition(segments[s].partition(p));
            }
        }
        new Cursor(wanted).forEachRemaining(selected::add);
        return selected;
    }

    /**
     * This list at a later version: without the files whose key is in {@code dropped}, then with
     * {@code added}. Segments holding none of the dropped files are shared, not copied.
     */
    public CompactFileList advance(Set<FileKey> dropped, List<AddFile> added) {
        if (dropped.isEmpty() && added.isEmpty()) {
            return this;
        }
        // Most files are kept: test the path alone first, and build a key only on a match.
        Set<String> droppedPaths = new HashSet<>();
        dropped.forEach(k -> droppedPaths.add(k.path()));
        List<FileSegment> next = new ArrayList<>(segments.length + 1);
        for (FileSegment segment : segments) {
            List<AddFile> kept = dropped.isEmpty() ? null : without(segment, droppedPaths, dropped);
            if (kept == null) {
                next.add(segment);
            } else if (!kept.isEmpty()) {
                appendSegments(next, kept);
            }
        }
        appendSegments(next, added);
        return new CompactFileList(mergeSmall(next).toArray(new FileSegment[0]));
    }

    /** The segment's files without the dropped ones, or null when it holds none of them. */
    private static List<AddFile> without(FileSegment segment, Set<String> droppedPaths, Set<FileKey> dropped) {
        List<AddFile> all = new CompactFileList(new FileSegment[] {segment});
        int first = -1;
        int i = 0;
        for (AddFile f : all) {
            if (droppedPaths.contains(f.path()) && dropped.contains(FileKey.of(f))) {
                first = i;
                break;
            }
            i++;
        }
        if (first < 0) {
            return null;
        }
        List<AddFile> kept = new ArrayList<>(segment.size());
        for (AddFile f : all) {
            if (!droppedPaths.contains(f.path()) || !dropped.contains(FileKey.of(f))) {
                kept.add(f);
            }
        }
        return kept;
    }

    /**
     * Small segments left by many small commits are re-encoded together once there are more
     * than a few, so reads do not slow down and the list stays compact; each file is re-encoded
     * a logarithmic number of times at most.
     */
    private static List<FileSegment> mergeSmall(List<FileSegment> segments) {
        int small = 0;
        for (FileSegment s : segments) {
            if (s.size() < FileSegment.MAX_FILES / 2) {
                small++;
            }
        }
        if (small <= 8) {
            return segments;
        }
        List<FileSegment> merged = new ArrayList<>();
        List<AddFile> pending = new ArrayList<>();
        for (FileSegment s : segments) {
            if (s.size() < FileSegment.MAX_FILES / 2) {
                pending.addAll(new CompactFileList(new FileSegment[] {s}));
            } else {
                merged.add(s);
            }
        }
        appendSegments(merged, pending);
        return merged;
    }

    /** Reads the files in order, block by block; with {@code wanted}, only files of wanted partitions. */
    private final class Cursor implements Iterator<AddFile> {
        private final boolean[][] wanted;
        private int segment = -1;
        private int local;
        private FileSegment current;
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
                if (current == null || local == current.size()) {
                    if (++segment == segments.length) {
                        return;
                    }
                    current = segments[segment];
                    reader = current.reader();
                    readerBlock = -1;
                    local = 0;
                    continue;
                }
                int position = local++;
                if (wanted != null && !wanted[segment][current.partitionId(position)]) {
                    continue;
                }
                int block = position / FileSegment.BLOCK;
                if (block != readerBlock) {
                    reader.seekBlock(block);
                    readerBlock = block;
                    blockTexts = new FileSegment.BlockTexts(current, block);
                }
                while (reader.index <= position) {
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
