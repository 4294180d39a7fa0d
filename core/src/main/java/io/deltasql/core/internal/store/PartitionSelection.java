package io.deltasql.core.internal.store;

import io.deltasql.core.FileFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partitions a filter selects, as {@code partition_hash} values: possible when the filter
 * allows a finite set of values for every partition column of the table and for nothing else,
 * so the allowed partitions are the product of those sets.
 */
final class PartitionSelection {
    /** Beyond this many partitions an IN list costs more than the pattern match it replaces. */
    static final int MAX_PARTITIONS = 1000;

    private PartitionSelection() {}

    /** The hashes of the selected partitions, or null when the filter does not pin every partition column. */
    static List<String> hashes(List<String> partitionColumns, FileFilter filter) {
        Map<String, Set<String>> allowed = filter.partitionValues();
        if (allowed.isEmpty()
                || partitionColumns.isEmpty()
                || !new HashSet<>(partitionColumns).equals(allowed.keySet())) {
            return null;
        }
        long combinations = 1;
        for (String column : partitionColumns) {
            combinations *= allowed.get(column).size();
            if (combinations > MAX_PARTITIONS) {
                return null;
            }
        }
        List<Map<String, String>> partitions = new ArrayList<>();
        partitions.add(new LinkedHashMap<>());
        for (String column : partitionColumns) {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> partial : partitions) {
                for (String value : allowed.get(column)) {
                    Map<String, String> next = new LinkedHashMap<>(partial);
                    next.put(column, value);
                    extended.add(next);
                }
            }
            partitions = extended;
        }
        List<String> hashes = new ArrayList<>(partitions.size());
        for (Map<String, String> p : partitions) {
            hashes.add(PartitionHashes.of(p));
        }
        return hashes;
    }
}
