package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.internal.commit.DeltaSchemaValidator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Delta schema string (a JSON struct type) and the partition columns against it. Two
 * levels: {@link #validate} is what any table the catalog serves must meet (imported tables
 * included); {@link #validateDefinition} adds the full check of Delta's schema format
 * ({@link DeltaSchemaValidator}) for a schema deltasql itself writes into a log.
 */
public final class TableSchemas {
    private TableSchemas() {}

    /**
     * True for the schemaString of a metaData that has no schema yet (empty, as some pipeline
     * writers start a table; the schema comes in a later version). Such a version is stored and
     * served without columns; nothing is committed on it until a metaData brings a schema.
     */
    public static boolean isMissing(String schemaString) {
        return schemaString == null || schemaString.isBlank();
    }

    /**
     * The checks of a schema that enters the catalog through deltasql (a new table, or a commit
     * that changes the schema): {@link DeltaSchemaValidator}, then {@link #validate}, with
     * partition columns of the types Delta can partition by.
     */
    public static Map<String, JsonNode> validateDefinition(
            String where, String table, String schemaString, List<String> partitionColumns) {
        DeltaSchemaValidator.check(where, schemaString);
        Map<String, JsonNode> fields = validate(table, schemaString, partitionColumns);
        for (String pc : partitionColumns) {
            JsonNode type = fields.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(pc))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            if ("variant".equals(type.asText())) {
                throw DeltaSqlErrors.invalid(where + ": invalid schema: partition column '" + pc
                        + "' has type variant, which Delta cannot partition by");
            }
        }
        return fields;
    }

    /**
     * Parses {@code schemaString} and returns its top-level fields (name → type JSON); refuses a
     * malformed schema, duplicate field names, and partition columns that are not top-level
     * fields of a primitive type or are listed twice.
     */
    public static Map<String, JsonNode> validate(String table, String schemaString, List<String> partitionColumns) {
        if (schemaString == null || schemaString.isBlank()) {
            throw invalid(table, "the schema is missing");
        }
        JsonNode root;
        try {
            root = ActionCodec.mapper().readTree(schemaString);
        } catch (Exception e) {
            throw invalid(
                    table,
                    "the schema is not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null
                || !root.isObject()
                || !"struct".equals(root.path("type").asText())
                || !root.path("fields").isArray()) {
            throw invalid(table, "the schema must be a JSON object {\"type\":\"struct\",\"fields\":[...]}");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Set<String> lowerNames = new HashSet<>();
        int i = 0;
        for (JsonNode f : root.path("fields")) {
            i++;
            JsonNode name = f.get("name");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                throw invalid(table, "schema field #" + i + " has no name");
            }
            JsonNode type = f.get("type");
            if (type == null || !(type.isTextual() || type.isObject())) {
                throw invalid(table, "schema field '" + name.asText() + "' has no type");
            }
            JsonNode nullable = f.get("nullable");
            if (nullable != null && !nullable.isBoolean()) {
                throw invalid(table, "schema field '" + name.asText() + "': nullable must be true or false");
            }
            if (!lowerNames.add(name.asText().toLowerCase(Locale.ROOT))) {
                throw invalid(table, "schema field '" + name.asText() + "' appears twice");
            }
            fields.put(name.asText(), type);
        }
        Set<String> seen = new HashSet<>();
        for (String pc : partitionColumns) {
            String match = fields.keySet().stream()
                    .filter(n -> n.equalsIgnoreCase(pc))
                    .findFirst()
                    .orElseThrow(() -> invalid(
                            table, "partition column '" + pc + "' is not a column of the schema " + fields.keySet()));
            if (!fields.get(match).isTextual()) {
                throw invalid(table, "partition column '" + pc + "' must have a primitive type");
            }
            if (!seen.add(pc.toLowerCase(Locale.ROOT))) {
                throw invalid(table, "partition column '" + pc + "' is listed twice");
            }
        }
        return fields;
    }

    private static InvalidRequestException invalid(String table, String what) {
        return DeltaSqlErrors.invalid("Delta table '" + table + "': invalid schema: " + what);
    }
}
