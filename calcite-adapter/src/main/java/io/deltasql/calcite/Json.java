package io.deltasql.calcite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.protocol.ActionCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON text of the virtual tables' map and struct columns, with errors that name the column and the value. */
final class Json {
    private Json() {}

    static ObjectMapper mapper() {
        return ActionCodec.mapper();
    }

    /** Compact JSON of a value; null stays null. */
    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Parses a column's JSON text; refuses malformed text naming table, column and value. */
    static JsonNode parse(String table, String column, String text) {
        try {
            return mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column " + column + " must be JSON text, and '"
                    + abbreviate(text) + "' is not (" + e.getOriginalMessage() + ")");
        }
    }

    /** Parses a JSON object whose values are strings (or null): partition values, tags, properties. */
    static Map<String, String> stringMap(String table, String column, String text) {
        JsonNode node = parse(table, column, text);
        if (!node.isObject()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column " + column
                    + " must be a JSON object of strings, and '" + abbreviate(text) + "' is not an object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                map.put(e.getKey(), null);
            } else if (v.isValueNode()) {
                map.put(e.getKey(), v.asText());
            } else {
                throw DeltaSqlErrors.invalid("Delta table '" + table + "': column " + column + ": the value of '"
                        + e.getKey() + "' must be a string or null, and it is " + abbreviate(v.toString()));
            }
        }
        return map;
    }

    static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
