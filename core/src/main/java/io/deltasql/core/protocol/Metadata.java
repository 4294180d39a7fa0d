package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The {@code metaData} action: table id, schema, partition columns and properties ({@code format} is null when the log omits it). */
public record Metadata(String id, String name, String description, Format format, String schemaString,
                       List<String> partitionColumns, Map<String, String> configuration, Long createdTime,
                       Map<String, JsonNode> extra) implements Action {
    public Metadata {
        if (id == null) {
            throw new InvalidActionException("metaData action has no id");
        }
        partitionColumns = partitionColumns == null ? List.of() : JsonFields.copy(partitionColumns);
        configuration = configuration == null ? Map.of() : JsonFields.copy(configuration);
        extra = JsonFields.copyExtra(extra);
    }

    @Override
    public String kind() {
        return "metaData";
    }
}
