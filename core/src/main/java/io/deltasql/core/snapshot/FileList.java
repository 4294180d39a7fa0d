package io.deltasql.core.snapshot;

import io.deltasql.core.FileFilter;
import io.deltasql.core.protocol.AddFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cached snapshot's active files, with an index from each partition to the positions of its
 * files, built on the first partition filter: a filter then checks each distinct partition once
 * instead of every file, and returns the files in list order.
 */
final class FileList {
    private final List<AddFile> files;
    private volatile Map<Map<String, String>, int[]> partitions;

    FileList(List<AddFile> files) {
        this.files = List.copyOf(files);
    }

    List<AddFile> files() {
        return files;
    }

    int size() {
        return files.size();
    }

    /** The files that pass {@code filter}, in list order. */
    List<AddFile> select(FileFilter filter) {
        if (filter.isAll()) {
            return files;
        }
        if (filter.paths() != null) {
            return files.stream().filter(filter::matches).toList();
        }
        int[][] chosen = partitionIndex().entrySet().stream()
                .filter(e -> filter.matchesPartition(e.getKey()))
                .map(Map.Entry::getValue)
                .toArray(int[][]::new);
        int total = Arrays.stream(chosen).mapToInt(p -> p.length).sum();
        int[] positions = new int[total];
        int n = 0;
        for (int[] p : chosen) {
            System.arraycopy(p, 0, positions, n, p.length);
            n += p.length;
        }
        if (chosen.length > 1) {
            Arrays.sort(positions);
        }
        List<AddFile> selected = new ArrayList<>(total);
        for (int position : positions) {
            selected.add(files.get(position));
        }
        return selected;
    }

    private Map<Map<String, String>, int[]> partitionIndex() {
        Map<Map<String, String>, int[]> index = partitions;
        if (index == null) {
            index = buildIndex();
            partitions = index;
        }
        return index;
    }

    private Map<Map<String, String>, int[]> buildIndex() {
        Map<Map<String, String>, Positions> grouped = new HashMap<>();
        // Files of one partition usually share one map instance: skip the lookup while it repeats.
        Map<String, String> last = null;
        Positions lastPositions = null;
        for (int i = 0; i < files.size(); i++) {
            Map<String, String> p = files.get(i).partitionValues();
            if (p != last) {
                lastPositions = grouped.computeIfAbsent(p, k -> new Positions());
                last = p;
            }
            lastPositions.add(i);
        }
        Map<Map<String, String>, int[]> index = new HashMap<>(grouped.size() * 2);
        grouped.forEach((p, positions) -> index.put(p, positions.toArray()));
        return index;
    }

    /** A growing list of ints without boxing. */
    private static final class Positions {
        private int[] items = new int[16];
        private int size;

        void add(int position) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = position;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
