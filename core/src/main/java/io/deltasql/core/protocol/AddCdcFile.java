package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The {@code cdc} action: a change data file written beside a commit. */
public record AddCdcFile(
        String path,
        Map<String, String> partitionValues,
        long size,
        boolean dataChange,
        Map<String, String> tags,
        Map<String, JsonNode> extra)
        implements Action {
    public AddCdcFile {
        if (path == null || path.isEmpty()) {
            throw new InvalidActionException("cdc action has no path");
        }
        if (size < 0) {
            throw new InvalidActionException("cdc action for '" + path + "': size must be >= 0, was " + size);
        }
        partitionValues = partitionValues == null ? Map.of() : JsonFields.copy(partitionValues);
        tags = JsonFields.copy(tags);
        extra = JsonFields.copyExtra(extra);
    }

    @Override
    public String kind() {
        return "cdc";
    }
}
