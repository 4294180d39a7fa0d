package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * A Kernel row as a JSON object, field by field in schema order. Dates and timestamps are printed as
 * ISO-8601 text (the form Kernel's JSON parser reads back in {@code --rows}), binary as base64.
 */
final class RowJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RowJson() {}

    static ObjectNode toJson(Row row) {
        ObjectNode out = NODES.objectNode();
        List<StructField> fields = row.getSchema().fields();
        for (int i = 0; i < fields.size(); i++) {
            out.set(
                    fields.get(i).getName(),
                    row.isNullAt(i)
                            ? NODES.nullNode()
                            : rowValue(row, i, fields.get(i).getDataType()));
        }
        return out;
    }

    private static JsonNode rowValue(Row row, int i, DataType type) {
        if (type instanceof StructType) {
            return toJson(row.getStruct(i));
        } else if (type instanceof ArrayType array) {
            return arrayValue(row.getArray(i), array.getElementType());
        } else if (type instanceof MapType map) {
            return mapValue(row.getMap(i), map);
        } else if (type instanceof BooleanType) {
            return NODES.booleanNode(row.getBoolean(i));
        } else if (type instanceof ByteType) {
            return NODES.numberNode(row.getByte(i));
        } else if (type instanceof ShortType) {
            return NODES.numberNode(row.getShort(i));
        } else if (type instanceof IntegerType) {
            return NODES.numberNode(row.getInt(i));
        } else if (type instanceof LongType) {
            return NODES.numberNode(row.getLong(i));
        } else if (type instanceof FloatType) {
            return NODES.numberNode(row.getFloat(i));
        } else if (type instanceof DoubleType) {
            return NODES.numberNode(row.getDouble(i));
        } else if (type instanceof StringType) {
            return NODES.textNode(row.getString(i));
        } else if (type instanceof BinaryType) {
            return NODES.textNode(Base64.getEncoder().encodeToString(row.getBinary(i)));
        } else if (type instanceof DecimalType) {
            return NODES.numberNode(row.getDecimal(i));
        } else if (type instanceof DateType) {
            return NODES.textNode(LocalDate.ofEpochDay(row.getInt(i)).toString());
        } else if (type instanceof TimestampType) {
            return NODES.textNode(instant(row.getLong(i)).toString());
        } else if (type instanceof TimestampNTZType) {
            return NODES.textNode(LocalDateTime.ofInstant(instant(row.getLong(i)), ZoneOffset.UTC)
                    .toString());
        }
        return NODES.textNode(String.valueOf(type));
    }

    private static JsonNode vectorValue(ColumnVector vector, int i, DataType type) {
        if (vector.isNullAt(i)) {
            return NODES.nullNode();
        } else if (type instanceof StructType struct) {
            ObjectNode out = NODES.objectNode();
            for (int f = 0; f < struct.length(); f++) {
                out.set(
                        struct.at(f).getName(),
                        vectorValue(vector.getChild(f), i, struct.at(f).getDataType()));
            }
            return out;
        } else if (type instanceof ArrayType array) {
            return arrayValue(vector.getArray(i), array.getElementType());
        } else if (type instanceof MapType map) {
            return mapValue(vector.getMap(i), map);
        } else if (type instanceof BooleanType) {
            return NODES.booleanNode(vector.getBoolean(i));
        } else if (type instanceof ByteType) {
            return NODES.numberNode(vector.getByte(i));
        } else if (type instanceof ShortType) {
            return NODES.numberNode(vector.getShort(i));
        } else if (type instanceof IntegerType) {
            return NODES.numberNode(vector.getInt(i));
        } else if (type instanceof LongType) {
            return NODES.numberNode(vector.getLong(i));
        } else if (type instanceof FloatType) {
            return NODES.numberNode(vector.getFloat(i));
        } else if (type instanceof DoubleType) {
            return NODES.numberNode(vector.getDouble(i));
        } else if (type instanceof StringType) {
            return NODES.textNode(vector.getString(i));
        } else if (type instanceof BinaryType) {
            return NODES.textNode(Base64.getEncoder().encodeToString(vector.getBinary(i)));
        } else if (type instanceof DecimalType) {
            return NODES.numberNode(vector.getDecimal(i));
        } else if (type instanceof DateType) {
            return NODES.textNode(LocalDate.ofEpochDay(vector.getInt(i)).toString());
        } else if (type instanceof TimestampType) {
            return NODES.textNode(instant(vector.getLong(i)).toString());
        } else if (type instanceof TimestampNTZType) {
            return NODES.textNode(LocalDateTime.ofInstant(instant(vector.getLong(i)), ZoneOffset.UTC)
                    .toString());
        }
        return NODES.textNode(String.valueOf(type));
    }

    private static ArrayNode arrayValue(ArrayValue value, DataType elementType) {
        ArrayNode out = NODES.arrayNode();
        ColumnVector elements = value.getElements();
        for (int e = 0; e < value.getSize(); e++) {
            out.add(vectorValue(elements, e, elementType));
        }
        return out;
    }

    /** Map keys become JSON member names (their text). */
    private static ObjectNode mapValue(MapValue value, MapType type) {
        ObjectNode out = NODES.objectNode();
        for (int e = 0; e < value.getSize(); e++) {
            JsonNode key = vectorValue(value.getKeys(), e, type.getKeyType());
            out.set(key.asText(), vectorValue(value.getValues(), e, type.getValueType()));
        }
        return out;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
