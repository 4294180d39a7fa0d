package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Where a file's deletion vector is stored (PROTOCOL.md "Deletion Vector Descriptor"). */
public record DeletionVectorDescriptor(
        String storageType,
        String pathOrInlineDv,
        Integer offset,
        int sizeInBytes,
        long cardinality,
        Long maxRowIndex,
        Map<String, JsonNode> extra) {
    public DeletionVectorDescriptor {
        if (storageType == null || pathOrInlineDv == null) {
            throw new InvalidActionException("deletionVector needs storageType and pathOrInlineDv");
        }
        extra = JsonFields.copyExtra(extra);
    }

    /** The protocol's unique id: storage type and path or inline data, plus {@code @offset} when there is one. */
    public String uniqueId() {
        return storageType + pathOrInlineDv + (offset != null ? "@" + offset : "");
    }
}
