package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The {@code metaData} action: table id, schema, partition columns and properties ({@code format} is null when the log omits it). */
public record Metadata(
        String id,
        String name,
        String description,
        Format format,
        String schemaString,
        List<String> partitionColumns,
        Map<String, String> configuration,
        Long createdTime,
        Map<String, JsonNode> extra)
        implements Action {
    public Metadata {
        if (id == null) {
            throw new InvalidActionException("metaData action has no id");
        }
        // Kept null when the log omits them, so the action is written back as it was read.
        partitionColumns = JsonFields.copy(partitionColumns);
        configuration = JsonFields.copy(configuration);
        extra = JsonFields.copyExtra(extra);
    }

    /** Partition columns; empty when the log omits them. */
    @Override
    public List<String> partitionColumns() {
        return partitionColumns == null ? List.of() : partitionColumns;
    }

    /** Table properties; empty when the log omits them. */
    @Override
    public Map<String, String> configuration() {
        return configuration == null ? Map.of() : configuration;
    }

    /** This metaData with other properties: everything else, the table id too, stays. */
    public Metadata withConfiguration(Map<String, String> configuration) {
        return withSchemaAndConfiguration(schemaString, configuration);
    }

    /** This metaData with another schema and other properties: everything else, the table id too, stays. */
    public Metadata withSchemaAndConfiguration(String schemaString, Map<String, String> configuration) {
        // Through the accessor: a changed metaData writes its partition columns even when the log omitted them.
        return new Metadata(
                id, name, description, format, schemaString, partitionColumns(), configuration, createdTime, extra);
    }

    List<String> partitionColumnsAsWritten() {
        return partitionColumns;
    }

    Map<String, String> configurationAsWritten() {
        return configuration;
    }

    @Override
    public String kind() {
        return "metaData";
    }
}
