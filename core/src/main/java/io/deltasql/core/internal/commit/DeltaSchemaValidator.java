package io.deltasql.core.internal.commit;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.protocol.ActionCodec;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a schema string is a Delta schema every Delta reader parses (PROTOCOL.md, "Schema
 * Serialization Format"): the primitive types Delta defines, {@code decimal(p,s)} within Delta's
 * bounds, arrays, maps and structs nested to any depth, each with exactly the keys Delta writes,
 * field metadata as JSON objects, and field names unique regardless of case in every struct.
 * Spark and Delta Kernel refuse a log whose schema breaks any of these, so deltasql refuses it
 * before the table exists. Each refusal names the field by its path ({@code a.b.element}).
 */
public final class DeltaSchemaValidator {
    /** The primitive type names of PROTOCOL.md (and Spark's {@code decimal}, which reads as {@code decimal(10,0)}). */
    static final List<String> PRIMITIVES = List.of(
            "string",
            "long",
            "integer",
            "short",
            "byte",
            "float",
            "double",
            "boolean",
            "binary",
            "date",
            "timestamp",
            "timestamp_ntz",
            "variant",
            "decimal");

    static final int MAX_DECIMAL_PRECISION = 38;
    // Spaces around the numbers are allowed, as Spark's and Kernel's parsers allow them.
    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");
    // Spark and Kernel parse a type object only when it has exactly these keys.
    private static final List<String> STRUCT_KEYS = List.of("type", "fields");
    private static final List<String> ARRAY_KEYS = List.of("type", "elementType", "containsNull");
    private static final List<String> MAP_KEYS = List.of("type", "keyType", "valueType", "valueContainsNull");
    private static final List<String> FIELD_KEYS = List.of("name", "type", "nullable", "metadata");

    private final String where;

    private DeltaSchemaValidator(String where) {
        this.where = where;
    }

    /**
     * Refuses {@code schemaString} unless it is a Delta struct schema; {@code where} opens the
     * message ({@code "Delta table 't'"}).
     *
     * @throws InvalidRequestException (SQLState 22023) naming the first field that is wrong
     */
    public static void check(String where, String schemaString) {
        new DeltaSchemaValidator(where).schema(schemaString);
    }

    private void schema(String schemaString) {
        if (schemaString == null || schemaString.isBlank()) {
            throw invalid("the schema is missing");
        }
        JsonNode root;
        try {
            root = ActionCodec.mapper().readTree(schemaString);
        } catch (Exception e) {
            throw invalid("the schema is not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null
                || !root.isObject()
                || !"struct".equals(root.path("type").asText(null))
                || !root.path("fields").isArray()) {
            throw invalid("the schema must be a JSON object {\"type\":\"struct\",\"fields\":[...]}");
        }
        if (root.get("fields").isEmpty()) {
            // Spark refuses to read a Delta table whose schema has no columns (DELTA_SCHEMA_NOT_SET).
            throw invalid("the schema has no fields; a Delta table needs at least one column");
        }
        struct(root, null);
    }

    /** A struct type object; {@code path} is the path of the field it is the type of (null at the top). */
    private void struct(JsonNode node, String path) {
        onlyKeys(node, STRUCT_KEYS, path, "a struct type");
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isArray()) {
            throw invalid(at(path) + "a struct type needs \"fields\": a JSON array of fields");
        }
        Set<String> lowerNames = new HashSet<>();
        int i = 0;
        for (JsonNode f : fields) {
            i++;
            field(f, path, i, lowerNames);
        }
    }

    private void field(JsonNode f, String parent, int index, Set<String> lowerNames) {
        String position = "field #" + index + (parent == null ? " of the schema" : " of '" + parent + "'");
        if (!f.isObject()) {
            throw invalid(position + " must be a JSON object with name, type, nullable and metadata");
        }
        JsonNode name = f.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw invalid(position + " has no name (\"name\" must be a non-empty string)");
        }
        String path = parent == null ? name.asText() : parent + "." + name.asText();
        if (!lowerNames.add(name.asText().toLowerCase(Locale.ROOT))) {
            throw invalid("field '" + path + "' appears twice (Delta field names are unique regardless of case)");
        }
        for (Iterator<String> keys = f.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!FIELD_KEYS.contains(key)) {
                throw invalid("field '" + path + "': unexpected key \"" + key
                        + "\"; a field has name, type, nullable and metadata");
            }
        }
        JsonNode nullable = f.get("nullable");
        if (nullable == null || !nullable.isBoolean()) {
            throw invalid("field '" + path + "': \"nullable\" must be true or false");
        }
        JsonNode metadata = f.get("metadata");
        if (metadata != null) {
            if (!metadata.isObject()) {
                throw invalid("field '" + path + "': \"metadata\" must be a JSON object");
            }
            metadataValues(metadata, path, "metadata");
        }
        JsonNode type = f.get("type");
        if (type == null) {
            throw invalid("field '" + path + "' has no type");
        }
        type(type, path);
    }

    private void type(JsonNode type, String path) {
        if (type.isTextual()) {
            primitive(type.asText(), path);
            return;
        }
        if (!type.isObject()) {
            throw invalid("field '" + path + "': the type must be a type name or a JSON object, not "
                    + CatalogLimits.shorten(type.toString()));
        }
        JsonNode kind = type.get("type");
        String name = kind != null && kind.isTextual() ? kind.asText() : null;
        if ("struct".equals(name)) {
            struct(type, path);
        } else if ("array".equals(name)) {
            onlyKeys(type, ARRAY_KEYS, path, "an array type");
            flag(type, "containsNull", path);
            type(type.get("elementType"), path + ".element");
        } else if ("map".equals(name)) {
            onlyKeys(type, MAP_KEYS, path, "a map type");
            flag(type, "valueContainsNull", path);
            type(type.get("keyType"), path + ".key");
            type(type.get("valueType"), path + ".value");
        } else {
            throw invalid(
                    "field '" + path + "': a type object's \"type\" must be \"struct\", \"array\" or \"map\", not "
                            + (kind == null ? "missing" : CatalogLimits.shorten(kind.toString())));
        }
    }

    private void primitive(String name, String path) {
        if (PRIMITIVES.contains(name)) {
            return;
        }
        Matcher m = DECIMAL.matcher(name);
        if (m.matches()) {
            decimal(name, m.group(1), m.group(2), path);
            return;
        }
        if (name.equalsIgnoreCase("void")) {
            throw invalid("field '" + path
                    + "': type \"void\" is only found in old tables; Delta readers cannot read it in a new schema");
        }
        if (List.of("struct", "array", "map").contains(name)) {
            throw invalid("field '" + path + "': type \"" + name + "\" needs its definition as a JSON object, e.g. "
                    + example(name));
        }
        throw invalid("field '" + path + "': unknown type \"" + CatalogLimits.shorten(name)
                + "\" (Delta's primitive types are "
                + String.join(
                        ", ",
                        PRIMITIVES.stream().filter(p -> !p.equals("decimal")).toList()) + " and decimal(p,s))");
    }

    private void decimal(String name, String precisionText, String scaleText, String path) {
        long precision = parse(precisionText);
        long scale = parse(scaleText);
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw invalid(
                    "field '" + path + "': type \"" + name + "\": the precision must be 1 to " + MAX_DECIMAL_PRECISION);
        }
        if (scale < 0 || scale > precision) {
            throw invalid("field '" + path + "': type \"" + name + "\": the scale must be 0 to the precision ("
                    + precision + ")");
        }
    }

    private static long parse(String digits) {
        // A number too long for a long is out of range anyway; keep its sign.
        return digits.length() > 18
                ? (digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE)
                : Long.parseLong(digits);
    }

    /**
     * Field metadata values Spark and Kernel can read: a whole number (within a long), a
     * number, a boolean, a string, an object of such values, or an array whose elements are all
     * whole numbers, all numbers, all booleans, all strings or all objects.
     */
    private void metadataValues(JsonNode object, String path, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = key + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                metadataValues(v, path, at);
            } else if (v.isArray()) {
                metadataArray(v, path, at);
            } else if (v.isNull()) {
                // Spark reads it, but Delta Kernel 4.0 fails on every scan of such a table (FieldMetadata.toString).
                throw invalid("field '" + path + "': " + at + " is null; leave the key out instead (Delta Kernel cannot"
                        + " scan a table whose column metadata holds null)");
            } else if (!(v.isBoolean() || v.isTextual() || v.isFloatingPointNumber() || fitsLong(v))) {
                throw invalid("field '" + path + "': " + at + " is " + CatalogLimits.shorten(v.toString())
                        + ", which Delta readers cannot read as column metadata");
            }
        }
    }

    private void metadataArray(JsonNode array, String path, String at) {
        String kind = null;
        for (JsonNode element : array) {
            String k = element.isObject()
                    ? "objects"
                    : element.isBoolean()
                            ? "booleans"
                            : element.isTextual()
                                    ? "strings"
                                    : fitsLong(element)
                                            ? "whole numbers"
                                            : element.isFloatingPointNumber() ? "numbers" : null;
            if (k == null || (kind != null && !kind.equals(k))) {
                throw invalid(
                        "field '" + path + "': " + at + " must be an array of only whole numbers, numbers, booleans,"
                                + " strings or objects (Delta readers cannot read "
                                + CatalogLimits.shorten(array.toString()) + ")");
            }
            kind = k;
            if (element.isObject()) {
                metadataValues(element, path, at + "[]");
            }
        }
    }

    private static boolean fitsLong(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong();
    }

    private void flag(JsonNode type, String key, String path) {
        JsonNode v = type.get(key);
        if (v == null || !v.isBoolean()) {
            throw invalid("field '" + path + "': \"" + key + "\" must be true or false");
        }
    }

    private void onlyKeys(JsonNode type, List<String> keys, String path, String what) {
        for (Iterator<String> it = type.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw invalid(at(path) + "unexpected key \"" + key + "\" in " + what + " (it has "
                        + String.join(", ", keys) + ")");
            }
        }
        for (String key : keys) {
            if (!type.has(key)) {
                throw invalid(at(path) + what + " needs \"" + key + "\"");
            }
        }
    }

    private static String example(String kind) {
        return switch (kind) {
            case "struct" -> "{\"type\":\"struct\",\"fields\":[...]}";
            case "array" -> "{\"type\":\"array\",\"elementType\":\"long\",\"containsNull\":true}";
            default -> "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"long\",\"valueContainsNull\":true}";
        };
    }

    private static String at(String path) {
        return path == null ? "" : "field '" + path + "': ";
    }

    private InvalidRequestException invalid(String what) {
        return DeltaSqlErrors.invalid(where + ": invalid schema: " + what);
    }
}
