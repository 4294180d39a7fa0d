package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading typed fields out of an action's JSON object (remembering which were consumed, so the
 * rest become {@code extra}) and writing them back. One instance per action being parsed.
 */
final class JsonFields {
    private final String kind;
    private final ObjectNode node;
    private final Set<String> consumed = new HashSet<>();

    JsonFields(String kind, ObjectNode node) {
        this.kind = kind;
        this.node = node;
    }

    private JsonNode take(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            // An explicit null is not consumed: it stays in extra, so the round trip keeps it.
            return null;
        }
        consumed.add(field);
        return v;
    }

    private InvalidActionException wrongType(String field, String expected, JsonNode v) {
        return new InvalidActionException(kind + "." + field + " must be " + expected + ", got " + v);
    }

    String requiredString(String field) {
        String s = string(field);
        if (s == null) {
            throw new InvalidActionException(kind + " action has no " + field);
        }
        return s;
    }

    String string(String field) {
        JsonNode v = take(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.asText();
    }

    long requiredLong(String field) {
        Long l = optionalLong(field);
        if (l == null) {
            throw new InvalidActionException(kind + " action has no " + field);
        }
        return l;
    }

    Long optionalLong(String field) {
        JsonNode v = take(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "a whole number", v);
        }
        return v.asLong();
    }

    Integer optionalInt(String field) {
        Long l = optionalLong(field);
        if (l == null) {
            return null;
        }
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw wrongType(field, "a 32-bit whole number", node.get(field));
        }
        return l.intValue();
    }

    int requiredInt(String field) {
        Integer i = optionalInt(field);
        if (i == null) {
            throw new InvalidActionException(kind + " action has no " + field);
        }
        return i;
    }

    boolean requiredBoolean(String field) {
        Boolean b = optionalBoolean(field);
        if (b == null) {
            throw new InvalidActionException(kind + " action has no " + field);
        }
        return b;
    }

    Boolean optionalBoolean(String field) {
        JsonNode v = take(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false", v);
        }
        return v.asBoolean();
    }

    /** A JSON object of strings (values may be null, as partition values often are). */
    Map<String, String> stringMap(String field) {
        JsonNode v = take(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object of strings", v);
        }
        Map<String, String> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                m.put(e.getKey(), null);
            } else if (value.isValueNode()) {
                m.put(e.getKey(), value.asText());
            } else {
                throw wrongType(field + "." + e.getKey(), "a string", value);
            }
        }
        return m;
    }

    List<String> stringList(String field) {
        JsonNode v = take(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings", v);
        }
        List<String> l = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw wrongType(field, "an array of strings", v);
            }
            l.add(e.asText());
        }
        return l;
    }

    ObjectNode object(String field) {
        JsonNode v = take(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object", v);
        }
        return (ObjectNode) v;
    }

    JsonNode any(String field) {
        return take(field);
    }

    /** Every field not read as a known one, in document order. */
    Map<String, JsonNode> extra() {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!consumed.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return extra;
    }

    // ---- writing

    static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    static void put(ObjectNode o, String field, Long value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    static void put(ObjectNode o, String field, Integer value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    static void put(ObjectNode o, String field, Boolean value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    static void put(ObjectNode o, String field, JsonNode value) {
        if (value != null) {
            o.set(field, value);
        }
    }

    static void put(ObjectNode o, String field, Map<String, String> value) {
        if (value != null) {
            ObjectNode m = o.putObject(field);
            value.forEach((k, v) -> {
                if (v == null) {
                    m.putNull(k);
                } else {
                    m.put(k, v);
                }
            });
        }
    }

    static void put(ObjectNode o, String field, List<String> value) {
        if (value != null) {
            var a = o.putArray(field);
            value.forEach(a::add);
        }
    }

    static void putExtra(ObjectNode o, Map<String, JsonNode> extra) {
        extra.forEach((k, v) -> {
            if (!o.has(k)) {
                o.set(k, v);
            }
        });
    }

    // ---- defensive copies that keep order and null values

    static Map<String, String> copy(Map<String, String> m) {
        return m == null ? null : ImmutableStringMap.copyOf(m);
    }

    static Map<String, JsonNode> copyExtra(Map<String, JsonNode> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    static List<String> copy(List<String> l) {
        return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
    }
}
