package io.deltasql.core.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What is compared of a table at one version, from either side. Files are keyed by path. */
public record TableState(
        long version,
        int minReaderVersion,
        int minWriterVersion,
        Set<String> readerFeatures,
        Set<String> writerFeatures,
        String metadataId,
        JsonNode schema,
        List<String> partitionColumns,
        Map<String, String> configuration,
        Map<String, FileState> files) {

    /** An active file: path, size, partition values and its deletion vector's unique id (null when it has none). */
    record FileState(String path, long size, Map<String, String> partitionValues, String deletionVector) {
        /** The map key: the path, or path and deletion vector when one path is active twice. */
        String key(boolean withDeletionVector) {
            return withDeletionVector && deletionVector != null
                    ? path + " (deletion vector " + deletionVector + ")"
                    : path;
        }
    }

    static void put(Map<String, FileState> files, FileState f) {
        FileState previous = files.putIfAbsent(f.key(false), f);
        if (previous != null) {
            files.put(f.key(true), f);
        }
    }
}
