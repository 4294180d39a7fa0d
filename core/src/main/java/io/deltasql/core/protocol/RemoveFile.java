package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The {@code remove} action: a data file that leaves the table (a tombstone until vacuumed). */
public record RemoveFile(
        String path,
        Long deletionTimestamp,
        boolean dataChange,
        Boolean extendedFileMetadata,
        Map<String, String> partitionValues,
        Long size,
        String stats,
        Map<String, String> tags,
        DeletionVectorDescriptor deletionVector,
        Long baseRowId,
        Long defaultRowCommitVersion,
        Map<String, JsonNode> extra)
        implements Action {
    public RemoveFile {
        if (path == null || path.isEmpty()) {
            throw new InvalidActionException("remove action has no path");
        }
        if (size != null && size < 0) {
            throw new InvalidActionException("remove action for '" + path + "': size must be >= 0, was " + size);
        }
        partitionValues = JsonFields.copy(partitionValues);
        tags = JsonFields.copy(tags);
        extra = JsonFields.copyExtra(extra);
    }

    public RemoveFile(String path, Long deletionTimestamp, boolean dataChange) {
        this(path, deletionTimestamp, dataChange, null, null, null, null, null, null, null, null, Map.of());
    }

    public String dvUniqueId() {
        return deletionVector == null ? null : deletionVector.uniqueId();
    }

    @Override
    public String kind() {
        return "remove";
    }
}
