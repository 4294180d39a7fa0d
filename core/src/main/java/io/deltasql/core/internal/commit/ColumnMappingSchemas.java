package io.deltasql.core.internal.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.protocol.ActionCodec;
import java.util.List;
import java.util.UUID;

/**
 * Column mapping's schema rules (PROTOCOL.md, "Column Mapping"): in mode {@code name} or {@code id}
 * every field, nested ones included, carries a unique {@code delta.columnMapping.id} and a
 * {@code delta.columnMapping.physicalName}, and {@code delta.columnMapping.maxColumnId} is at least
 * the largest id. A field that lacks them (a new table's, or one a schema change adds) gets the next
 * id and a fresh physical name, as Delta's writers assign them; ids and names it has are kept.
 */
public final class ColumnMappingSchemas {
    public static final String ID = "delta.columnMapping.id";
    public static final String PHYSICAL_NAME = "delta.columnMapping.physicalName";
    public static final String MAX_COLUMN_ID = "delta.columnMapping.maxColumnId";
    private static final List<String> NESTED_TYPE_KEYS = List.of("elementType", "keyType", "valueType");

    private ColumnMappingSchemas() {}

    /** A schema with mapping metadata on every field, and the table's new maximum column id. */
    public record Mapped(String schemaString, long maxColumnId) {}

    /** True when {@code mode} (the value of delta.columnMapping.mode, may be null) maps columns. */
    public static boolean maps(String mode) {
        return mode != null && !mode.trim().equalsIgnoreCase("none");
    }

    /** Assigns ids above {@code maxColumnId} (and above any id in the schema) to the fields that have none. */
    public static Mapped assign(String schemaString, long maxColumnId) {
        JsonNode schema;
        try {
            schema = ActionCodec.mapper().readTree(schemaString);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a schema: " + e.getMessage(), e);
        }
        long[] max = {Math.max(maxColumnId, largestId(schema))};
        assignFields(schema, max);
        return new Mapped(schema.toString(), max[0]);
    }

    private static long largestId(JsonNode type) {
        long max = 0;
        for (JsonNode field : type.path("fields")) {
            JsonNode id = field.path("metadata").get(ID);
            if (id != null && id.canConvertToLong()) {
                max = Math.max(max, id.asLong());
            }
            max = Math.max(max, largestId(field.path("type")));
        }
        for (String key : NESTED_TYPE_KEYS) {
            JsonNode nested = type.get(key);
            if (nested != null) {
                max = Math.max(max, largestId(nested));
            }
        }
        return max;
    }

    private static void assignFields(JsonNode type, long[] max) {
        for (JsonNode field : type.path("fields")) {
            ObjectNode f = (ObjectNode) field;
            ObjectNode metadata = f.get("metadata") instanceof ObjectNode m ? m : f.putObject("metadata");
            if (!metadata.has(ID)) {
                metadata.put(ID, ++max[0]);
            }
            if (!metadata.has(PHYSICAL_NAME)) {
                metadata.put(PHYSICAL_NAME, "col-" + UUID.randomUUID());
            }
            assignFields(field.path("type"), max);
        }
        for (String key : NESTED_TYPE_KEYS) {
            JsonNode nested = type.get(key);
            if (nested != null) {
                assignFields(nested, max);
            }
        }
    }
}
