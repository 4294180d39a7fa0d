package io.deltasql.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Breaks one spot of a valid Delta schema (from {@link SchemaGenerator}) in one of the ways Delta
 * readers refuse, and says which field the refusal must name: a bad type name somewhere in the
 * tree, a decimal out of bounds, a missing or ill-typed key, an unexpected key, a duplicate name.
 */
public final class SchemaMutations {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A broken schemaString and a fragment the refusal's message must contain. */
    public record Mutant(String kind, String schemaString, String expected) {}

    /** Where a type sits: {@code holder.get(key)}, the type of the field (or element, key, value) at {@code path}. */
    private record TypeSlot(ObjectNode holder, String key, String path) {}

    /** A field: element {@code index} of {@code fields}, in the struct at {@code parent} (null at the top). */
    private record FieldSlot(ArrayNode fields, int index, String parent, String path) {}

    private static final List<String> BAD_TYPES = List.of(
            "lng", "decimal(0,0)", "decimal(39,1)", "decimal(5,6)", "Integer", "void", "array", "decimal(40,2)", "");

    private final Random random;

    public SchemaMutations(long seed) {
        this.random = new Random(seed);
    }

    /** One mutant of each kind for {@code tree}, at random spots. */
    public List<Mutant> of(ObjectNode tree) {
        List<Mutant> out = new ArrayList<>();
        for (String bad : BAD_TYPES) {
            out.add(badType(tree, bad));
        }
        out.add(fieldMutant(tree, "missing nullable"));
        out.add(fieldMutant(tree, "missing type"));
        out.add(fieldMutant(tree, "missing name"));
        out.add(fieldMutant(tree, "nullable not boolean"));
        out.add(fieldMutant(tree, "metadata not object"));
        out.add(fieldMutant(tree, "duplicate name"));
        out.add(fieldMutant(tree, "unexpected key"));
        out.add(fieldMutant(tree, "null metadata value"));
        Mutant container = containerMutant(tree);
        if (container != null) {
            out.add(container);
        }
        return out;
    }

    private Mutant badType(ObjectNode original, String bad) {
        ObjectNode tree = original.deepCopy();
        List<TypeSlot> slots = new ArrayList<>();
        walkStruct(tree, null, slots, new ArrayList<>());
        TypeSlot slot = slots.get(random.nextInt(slots.size()));
        slot.holder().put(slot.key(), bad);
        String expected = switch (bad) {
            case "decimal(0,0)", "decimal(39,1)", "decimal(40,2)" ->
                "field '" + slot.path() + "': type \"" + bad + "\": the precision";
            case "decimal(5,6)" -> "field '" + slot.path() + "': type \"" + bad + "\": the scale";
            case "void" -> "field '" + slot.path() + "': type \"void\"";
            case "array" -> "field '" + slot.path() + "': type \"array\" needs its definition";
            default -> "field '" + slot.path() + "': unknown type \"" + bad + "\"";
        };
        return new Mutant("type " + bad, write(tree), expected);
    }

    private Mutant fieldMutant(ObjectNode original, String kind) {
        ObjectNode tree = original.deepCopy();
        List<FieldSlot> slots = new ArrayList<>();
        walkStruct(tree, null, new ArrayList<>(), slots);
        FieldSlot slot = slots.get(random.nextInt(slots.size()));
        ObjectNode field = (ObjectNode) slot.fields().get(slot.index());
        String at = "field '" + slot.path() + "'";
        String expected = switch (kind) {
            case "missing nullable" -> {
                field.remove("nullable");
                yield at + ": \"nullable\" must be true or false";
            }
            case "nullable not boolean" -> {
                field.put("nullable", "yes");
                yield at + ": \"nullable\" must be true or false";
            }
            case "missing type" -> {
                field.remove("type");
                yield at + " has no type";
            }
            case "missing name" -> {
                field.remove("name");
                yield "field #" + (slot.index() + 1)
                        + (slot.parent() == null ? " of the schema" : " of '" + slot.parent() + "'") + " has no name";
            }
            case "metadata not object" -> {
                field.put("metadata", "not an object");
                yield at + ": \"metadata\" must be a JSON object";
            }
            case "null metadata value" -> {
                field.putObject("metadata").putNull("cleared");
                yield at + ": metadata.cleared is null";
            }
            case "unexpected key" -> {
                field.put("comment", "comments belong in metadata");
                yield at + ": unexpected key \"comment\"";
            }
            case "duplicate name" -> {
                ObjectNode copy = field.deepCopy();
                String twin = field.get("name").asText().toUpperCase(Locale.ROOT);
                copy.put("name", twin);
                slot.fields().insert(slot.index() + 1, copy);
                yield "field '" + (slot.parent() == null ? "" : slot.parent() + ".") + twin + "' appears twice";
            }
            default -> throw new IllegalArgumentException(kind);
        };
        return new Mutant(kind, write(tree), expected);
    }

    /** An array or map type with a missing flag, or any type object with an extra key; null when the tree has none. */
    private Mutant containerMutant(ObjectNode original) {
        ObjectNode tree = original.deepCopy();
        List<TypeSlot> slots = new ArrayList<>();
        walkStruct(tree, null, slots, new ArrayList<>());
        List<TypeSlot> containers = slots.stream()
                .filter(s -> s.holder().get(s.key()).isObject()
                        && !"struct".equals(s.holder().get(s.key()).get("type").asText()))
                .toList();
        if (containers.isEmpty()) {
            return null;
        }
        TypeSlot slot = containers.get(random.nextInt(containers.size()));
        ObjectNode type = (ObjectNode) slot.holder().get(slot.key());
        if (random.nextBoolean()) {
            type.put("elementNullable", true);
            return new Mutant(
                    "unexpected key in container",
                    write(tree),
                    "field '" + slot.path() + "': unexpected key \"elementNullable\"");
        }
        boolean array = "array".equals(type.get("type").asText());
        String flag = array ? "containsNull" : "valueContainsNull";
        type.remove(flag);
        return new Mutant(
                "missing " + flag,
                write(tree),
                "field '" + slot.path() + "': " + (array ? "an array" : "a map") + " type needs \"" + flag + "\"");
    }

    private static void walkStruct(ObjectNode struct, String parent, List<TypeSlot> types, List<FieldSlot> fields) {
        ArrayNode array = (ArrayNode) struct.get("fields");
        for (int i = 0; i < array.size(); i++) {
            ObjectNode field = (ObjectNode) array.get(i);
            String path = parent == null
                    ? field.get("name").asText()
                    : parent + "." + field.get("name").asText();
            fields.add(new FieldSlot(array, i, parent, path));
            walkType(field, "type", path, types, fields);
        }
    }

    private static void walkType(
            ObjectNode holder, String key, String path, List<TypeSlot> types, List<FieldSlot> fields) {
        types.add(new TypeSlot(holder, key, path));
        JsonNode type = holder.get(key);
        if (!type.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) type;
        switch (object.get("type").asText()) {
            case "struct" -> walkStruct(object, path, types, fields);
            case "array" -> walkType(object, "elementType", path + ".element", types, fields);
            case "map" -> {
                walkType(object, "keyType", path + ".key", types, fields);
                walkType(object, "valueType", path + ".value", types, fields);
            }
            default -> throw new IllegalStateException(object.toString());
        }
    }

    private static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
