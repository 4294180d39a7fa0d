package io.deltasql.core.internal.store;

import io.deltasql.core.protocol.AddFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file list grouped by partition, the groups in order of their {@code partition_hash}: the
 * order a checkpoint stores files in, so that one partition's files sit together in as few parts
 * as possible and each part holds a contiguous range of partition hashes.
 */
final class PartitionGroups {
    /** A non-plain add is stored as its JSON, which is not measured here: a rough allowance instead. */
    private static final int JSON_ADD_ALLOWANCE = 200;
    /** Size, time, partition id and lengths of a stored file. */
    private static final int FIXED_BYTES = 29;

    /** One partition's files in path order, and about how many bytes of text they hold. */
    record Group(String hash, List<AddFile> files, long estimatedBytes) {}

    private PartitionGroups() {}

    static List<Group> of(List<AddFile> files) {
        // Files of one partition usually share one map instance; hash each distinct map once.
        Map<Map<String, String>, String> hashes = new HashMap<>();
        Map<String, List<AddFile>> byHash = new TreeMap<>();
        for (AddFile f : files) {
            String hash = hashes.computeIfAbsent(f.partitionValues(), PartitionHashes::of);
            byHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(f);
        }
        List<Group> groups = new ArrayList<>(byHash.size());
        byHash.forEach((hash, members) -> {
            // Neighbouring paths share prefixes and suffixes, which is what a segment stores compactly.
            members.sort(Comparator.comparing(AddFile::path));
            groups.add(new Group(hash, members, estimatedBytes(members)));
        });
        return groups;
    }

    private static long estimatedBytes(List<AddFile> files) {
        long bytes = 0;
        for (AddFile f : files) {
            bytes += estimatedBytes(f);
        }
        return bytes;
    }

    /** About how many bytes of text one file holds before a segment compresses it. */
    static long estimatedBytes(AddFile f) {
        return FIXED_BYTES
                + f.path().length()
                + (f.stats() == null ? 0 : f.stats().length())
                + (f.isPlain() ? 0 : JSON_ADD_ALLOWANCE);
    }
}
