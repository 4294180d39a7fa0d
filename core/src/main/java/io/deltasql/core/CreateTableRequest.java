package io.deltasql.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A new Delta table: its name in the catalog, its location (the directory holding data and
 * {@code _delta_log}), its schema as Delta's JSON schema string, partition columns and table
 * properties ({@code metaData.configuration}).
 */
public record CreateTableRequest(
        String name,
        String location,
        String schemaString,
        List<String> partitionColumns,
        Map<String, String> properties,
        String description) {
    public CreateTableRequest {
        partitionColumns = partitionColumns == null ? List.of() : List.copyOf(partitionColumns);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public CreateTableRequest(
            String name,
            String location,
            String schemaString,
            List<String> partitionColumns,
            Map<String, String> properties) {
        this(name, location, schemaString, partitionColumns, properties, null);
    }

    public CreateTableRequest(String name, String location, String schemaString) {
        this(name, location, schemaString, List.of(), Map.of(), null);
    }

    @Override
    public String toString() {
        return "CreateTableRequest[" + Objects.toString(name) + " at " + location + "]";
    }
}
