package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.internal.commit.ColumnMappingSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The logical and physical names of a table's top-level columns. Under Delta column mapping (mode
 * {@code name} or {@code id}) the log keys {@code partitionValues} by each column's
 * {@code delta.columnMapping.physicalName}, while {@code partitionColumns} and the schema name the
 * logical columns; without it both are the logical name.
 */
public final class ColumnMappingNames {
    private final boolean mapped;
    /** Lower-case logical name → physical name, for mapped columns only. */
    private final Map<String, String> physicalByLogical;

    private final List<String> partitionColumns;

    private ColumnMappingNames(boolean mapped, Map<String, String> physicalByLogical, List<String> partitionColumns) {
        this.mapped = mapped;
        this.physicalByLogical = physicalByLogical;
        this.partitionColumns = partitionColumns;
    }

    public static ColumnMappingNames of(Metadata metadata) {
        String mode = metadata.configuration()
                .getOrDefault("delta.columnMapping.mode", "none")
                .toLowerCase(Locale.ROOT);
        boolean mapped = mode.equals("name") || mode.equals("id");
        Map<String, String> physical = new LinkedHashMap<>();
        if (mapped && metadata.schemaString() != null) {
            try {
                for (JsonNode f :
                        ActionCodec.mapper().readTree(metadata.schemaString()).path("fields")) {
                    JsonNode p = f.path("metadata").get(ColumnMappingSchemas.PHYSICAL_NAME);
                    if (f.path("name").isTextual()
                            && p != null
                            && p.isTextual()
                            && !p.asText().isEmpty()) {
                        physical.put(f.get("name").asText().toLowerCase(Locale.ROOT), p.asText());
                    }
                }
            } catch (Exception e) {
                // A schema that does not parse is refused where the schema is validated; here it maps nothing.
            }
        }
        return new ColumnMappingNames(mapped, physical, metadata.partitionColumns());
    }

    /** Whether the table uses column mapping, so its log names columns by their physical names. */
    public boolean mapped() {
        return mapped;
    }

    /** The name the log uses for a top-level column (case-insensitive logical name); the name itself when not mapped. */
    public String physical(String logical) {
        return physicalByLogical.getOrDefault(logical.toLowerCase(Locale.ROOT), logical);
    }

    /** The keys a file's {@code partitionValues} must have: the partition columns' physical names, in order. */
    public List<String> partitionKeys() {
        List<String> keys = new ArrayList<>(partitionColumns.size());
        partitionColumns.forEach(c -> keys.add(physical(c)));
        return keys;
    }

    /** Partition values as the log keys them, re-keyed by the logical partition column names (unknown keys kept). */
    public Map<String, String> toLogical(Map<String, String> partitionValues) {
        if (partitionValues == null || !mapped) {
            return partitionValues;
        }
        Map<String, String> logical = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : partitionValues.entrySet()) {
            logical.put(logicalOf(e.getKey()), e.getValue());
        }
        return logical;
    }

    private String logicalOf(String key) {
        for (String c : partitionColumns) {
            if (physical(c).equals(key)) {
                return c;
            }
        }
        return key;
    }
}
