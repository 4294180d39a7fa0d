package io.deltasql.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.types.VariantType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Random Delta schemas from a seed: each as the JSON text of a schemaString (written here, by
 * hand, not by Kernel's serializer) and as the {@link StructType} Delta Kernel must read from it.
 * Covers every primitive, decimal edge cases, arrays, maps and structs nested in each other,
 * field metadata of every kind Delta readers take, non-nullable fields and names with spaces
 * and non-ASCII letters.
 */
public final class SchemaGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A type as written in the log (a string or an object) and as Kernel reads it. */
    public record Generated(JsonNode json, DataType kernel) {}

    /** A whole schema: its schemaString, Kernel's reading of it, and the JSON tree (for mutations). */
    public record Schema(String schemaString, StructType kernel, ObjectNode tree) {}

    /** Every primitive type name Delta defines, with decimal edge cases and spellings Spark and Kernel read. */
    public static final List<Generated> PRIMITIVES = List.of(
            primitive("string", StringType.STRING),
            primitive("long", LongType.LONG),
            primitive("integer", IntegerType.INTEGER),
            primitive("short", ShortType.SHORT),
            primitive("byte", ByteType.BYTE),
            primitive("float", FloatType.FLOAT),
            primitive("double", DoubleType.DOUBLE),
            primitive("boolean", BooleanType.BOOLEAN),
            primitive("binary", BinaryType.BINARY),
            primitive("date", DateType.DATE),
            primitive("timestamp", TimestampType.TIMESTAMP),
            primitive("timestamp_ntz", TimestampNTZType.TIMESTAMP_NTZ),
            primitive("variant", VariantType.VARIANT),
            primitive("decimal(1,0)", new DecimalType(1, 0)),
            primitive("decimal(38,38)", new DecimalType(38, 38)),
            primitive("decimal(38,0)", new DecimalType(38, 0)),
            primitive("decimal(10,2)", new DecimalType(10, 2)),
            primitive("decimal( 12 , 4 )", new DecimalType(12, 4)),
            primitive("decimal", new DecimalType(10, 0)));

    private static final List<String> NAMES = List.of(
            "id",
            "value",
            "with space",
            "ünïcödé",
            "名前",
            "emoji 😀",
            "camelCase",
            "dotted.name",
            "x",
            "amount_eur",
            "Ωmega",
            "a-b");

    private final Random random;
    private int depthBudget;

    public SchemaGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A schema whose top level holds every primitive once (so each is read by Kernel at least once). */
    public Schema everyPrimitive() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < PRIMITIVES.size(); i++) {
            fields.add(new Field(
                    "c" + i + " " + PRIMITIVES.get(i).json().asText(), PRIMITIVES.get(i), i % 2 == 0, metadata()));
        }
        return schema(fields);
    }

    /** A random schema of 1 to 6 top-level fields, nested up to 4 levels. */
    public Schema next() {
        depthBudget = 4;
        return schema(fields(1 + random.nextInt(6)));
    }

    private record Field(String name, Generated type, boolean nullable, Meta metadata) {}

    private record Meta(ObjectNode json, FieldMetadata kernel) {}

    private Schema schema(List<Field> fields) {
        Generated struct = struct(fields);
        try {
            return new Schema(
                    JSON.writeValueAsString(struct.json()), (StructType) struct.kernel(), (ObjectNode) struct.json());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Field> fields(int count) {
        List<Field> fields = new ArrayList<>();
        Set<String> lower = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            while (!lower.add(name.toLowerCase(Locale.ROOT))) {
                name = name + i;
            }
            fields.add(new Field(name, type(), random.nextBoolean(), metadata()));
        }
        return fields;
    }

    private Generated type() {
        int pick = random.nextInt(depthBudget > 0 ? 10 : 6);
        if (pick < 6) {
            return PRIMITIVES.get(random.nextInt(PRIMITIVES.size()));
        }
        depthBudget--;
        try {
            return switch (pick) {
                case 6 -> array(type(), random.nextBoolean());
                case 7 ->
                    map(
                            random.nextBoolean() ? PRIMITIVES.get(random.nextInt(PRIMITIVES.size() - 1)) : type(),
                            type(),
                            random.nextBoolean());
                case 8 ->
                    array(
                            map(PRIMITIVES.get(0), struct(fields(1 + random.nextInt(3))), random.nextBoolean()),
                            random.nextBoolean());
                default -> struct(fields(1 + random.nextInt(4)));
            };
        } finally {
            depthBudget++;
        }
    }

    private static Generated primitive(String name, DataType kernel) {
        return new Generated(NODES.textNode(name), kernel);
    }

    private static Generated array(Generated element, boolean containsNull) {
        ObjectNode json = NODES.objectNode().put("type", "array");
        json.set("elementType", element.json());
        json.put("containsNull", containsNull);
        return new Generated(json, new ArrayType(element.kernel(), containsNull));
    }

    private static Generated map(Generated key, Generated value, boolean valueContainsNull) {
        ObjectNode json = NODES.objectNode().put("type", "map");
        json.set("keyType", key.json());
        json.set("valueType", value.json());
        json.put("valueContainsNull", valueContainsNull);
        return new Generated(json, new MapType(key.kernel(), value.kernel(), valueContainsNull));
    }

    private static Generated struct(List<Field> fields) {
        ObjectNode json = NODES.objectNode().put("type", "struct");
        ArrayNode array = json.putArray("fields");
        List<StructField> kernel = new ArrayList<>();
        for (Field f : fields) {
            ObjectNode field = array.addObject().put("name", f.name());
            field.set("type", f.type().json());
            field.put("nullable", f.nullable());
            if (f.metadata() != null) {
                field.set("metadata", f.metadata().json());
            }
            kernel.add(new StructField(
                    f.name(),
                    f.type().kernel(),
                    f.nullable(),
                    f.metadata() == null ? FieldMetadata.empty() : f.metadata().kernel()));
        }
        return new Generated(json, new StructType(kernel));
    }

    /** No metadata key at all, an empty object, or some of: a comment, column mapping ids, numbers, flags, arrays, an object. */
    private Meta metadata() {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return null;
        }
        ObjectNode json = NODES.objectNode();
        FieldMetadata.Builder kernel = FieldMetadata.builder();
        if (kind == 1) {
            return new Meta(json, kernel.build());
        }
        if (random.nextBoolean()) {
            String comment = "a comment, with \"quotes\" and ünïcödé";
            json.put("comment", comment);
            kernel.putString("comment", comment);
        }
        if (random.nextBoolean()) {
            long id = 1 + random.nextInt(1000);
            json.put("delta.columnMapping.id", id);
            json.put("delta.columnMapping.physicalName", "col-" + id);
            kernel.putLong("delta.columnMapping.id", id).putString("delta.columnMapping.physicalName", "col-" + id);
        }
        if (kind == 3) {
            json.put("weight", 0.25);
            json.put("sensitive", true);
            json.putArray("tags").add("pii").add("eu");
            json.putArray("ids").add(1).add(2).add(3);
            json.putObject("owner").put("team", "data-eng").put("since", 2024);
            json.putArray("weights").add(0.5).add(1.5);
            json.putArray("flags").add(true).add(false);
            json.putArray("none");
            json.putArray("parts").addObject().put("k", 1);
            kernel.putDouble("weight", 0.25)
                    .putBoolean("sensitive", true)
                    .putStringArray("tags", new String[] {"pii", "eu"})
                    .putLongArray("ids", new Long[] {1L, 2L, 3L})
                    .putFieldMetadata(
                            "owner",
                            FieldMetadata.builder()
                                    .putString("team", "data-eng")
                                    .putLong("since", 2024)
                                    .build())
                    .putDoubleArray("weights", new Double[] {0.5, 1.5})
                    .putBooleanArray("flags", new Boolean[] {true, false})
                    .putLongArray("none", new Long[0])
                    .putFieldMetadataArray("parts", new FieldMetadata[] {
                        FieldMetadata.builder().putLong("k", 1).build()
                    });
        }
        return new Meta(json, kernel.build());
    }
}
