package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The {@code add} action: a data file that becomes part of the table. */
public record AddFile(String path, Map<String, String> partitionValues, long size, long modificationTime, boolean dataChange,
                      String stats, Map<String, String> tags, DeletionVectorDescriptor deletionVector, Long baseRowId,
                      Long defaultRowCommitVersion, String clusteringProvider, Map<String, JsonNode> extra) implements Action {
    public AddFile {
        if (path == null || path.isEmpty()) {
            throw new InvalidActionException("add action has no path");
        }
        if (size < 0) {
            throw new InvalidActionException("add action for '" + path + "': size must be >= 0, was " + size);
        }
        partitionValues = partitionValues == null ? Map.of() : JsonFields.copy(partitionValues);
        tags = JsonFields.copy(tags);
        extra = JsonFields.copyExtra(extra);
    }

    public AddFile(String path, Map<String, String> partitionValues, long size, long modificationTime, boolean dataChange,
                   String stats) {
        this(path, partitionValues, size, modificationTime, dataChange, stats, null, null, null, null, null, Map.of());
    }

    /** The deletion vector's unique id, or null when the file has none. */
    public String dvUniqueId() {
        return deletionVector == null ? null : deletionVector.uniqueId();
    }

    /** The remove action that takes this file out of the table. */
    public RemoveFile toRemove(long deletionTimestamp, boolean dataChange) {
        return new RemoveFile(path, deletionTimestamp, dataChange, true, partitionValues, size, null, tags, deletionVector,
                baseRowId, defaultRowCommitVersion, Map.of());
    }

    @Override
    public String kind() {
        return "add";
    }
}
