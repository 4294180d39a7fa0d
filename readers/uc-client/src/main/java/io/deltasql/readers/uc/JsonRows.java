package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
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
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --rows} JSON array as Kernel data: the rows are grouped by their partition values (Kernel
 * writes one partition per call) and each group is parsed by the engine's own JSON handler against the
 * table's schema, so the values are typed exactly as Kernel types JSON.
 */
final class JsonRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows() {}

    /** One partition's rows and its partition values (an empty map for an unpartitioned table). */
    record PartitionGroup(FilteredColumnarBatch data, Map<String, Literal> partitionValues) {}

    static List<PartitionGroup> parse(Engine engine, Snapshot snapshot, String rowsJson) throws Exception {
        JsonNode rows = JSON.readTree(rowsJson);
        if (rows == null || !rows.isArray()) {
            throw new Arguments.UsageException("--rows must be a JSON array of objects");
        }
        List<String> partitionColumns = snapshot.getPartitionColumnNames();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw new Arguments.UsageException("--rows must be a JSON array of objects, found: " + row);
            }
            StringBuilder key = new StringBuilder();
            for (String column : partitionColumns) {
                key.append(row.path(column)).append('\u0000');
            }
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(row.toString());
        }
        StructType schema = snapshot.getSchema();
        List<PartitionGroup> result = new ArrayList<>();
        for (List<String> lines : groups.values()) {
            ColumnarBatch batch = engine.getJsonHandler().parseJson(new StringVector(lines), schema, Optional.empty());
            Map<String, Literal> partitionValues = new HashMap<>();
            for (String column : partitionColumns) {
                int ordinal = schema.indexOf(column);
                partitionValues.put(
                        column,
                        literal(
                                batch.getColumnVector(ordinal),
                                schema.at(ordinal).getDataType()));
            }
            result.add(new PartitionGroup(new FilteredColumnarBatch(batch, Optional.empty()), partitionValues));
        }
        return result;
    }

    /** A partition value, from the group's first row as Kernel parsed it. */
    private static Literal literal(ColumnVector vector, DataType type) {
        if (vector.isNullAt(0)) {
            return Literal.ofNull(type);
        }
        if (type instanceof BooleanType) {
            return Literal.ofBoolean(vector.getBoolean(0));
        } else if (type instanceof ByteType) {
            return Literal.ofByte(vector.getByte(0));
        } else if (type instanceof ShortType) {
            return Literal.ofShort(vector.getShort(0));
        } else if (type instanceof IntegerType) {
            return Literal.ofInt(vector.getInt(0));
        } else if (type instanceof LongType) {
            return Literal.ofLong(vector.getLong(0));
        } else if (type instanceof FloatType) {
            return Literal.ofFloat(vector.getFloat(0));
        } else if (type instanceof DoubleType) {
            return Literal.ofDouble(vector.getDouble(0));
        } else if (type instanceof StringType) {
            return Literal.ofString(vector.getString(0));
        } else if (type instanceof BinaryType) {
            return Literal.ofBinary(vector.getBinary(0));
        } else if (type instanceof DateType) {
            return Literal.ofDate(vector.getInt(0));
        } else if (type instanceof TimestampType) {
            return Literal.ofTimestamp(vector.getLong(0));
        } else if (type instanceof TimestampNTZType) {
            return Literal.ofTimestampNtz(vector.getLong(0));
        } else if (type instanceof DecimalType decimal) {
            return Literal.ofDecimal(vector.getDecimal(0), decimal.getPrecision(), decimal.getScale());
        }
        throw new IllegalArgumentException("unsupported partition column type: " + type);
    }

    /** The rows' JSON texts as the string column {@code parseJson} takes. */
    private static final class StringVector implements ColumnVector {
        private final List<String> values;

        StringVector(List<String> values) {
            this.values = values;
        }

        @Override
        public DataType getDataType() {
            return StringType.STRING;
        }

        @Override
        public int getSize() {
            return values.size();
        }

        @Override
        public void close() {}

        @Override
        public boolean isNullAt(int rowId) {
            return values.get(rowId) == null;
        }

        @Override
        public String getString(int rowId) {
            return values.get(rowId);
        }
    }
}
