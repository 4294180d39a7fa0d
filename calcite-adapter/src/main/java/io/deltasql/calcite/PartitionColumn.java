package io.deltasql.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.protocol.ColumnMappingNames;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.TableSchemas;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A partition column of a Delta table as a typed SQL column of {@code t$files}: its Delta (logical)
 * name, the key of its value in {@code partitionValues} (the physical name on a column-mapped
 * table, else the Delta name), the SQL column name (prefixed with {@code partition_} when it
 * collides with a fixed column) and the conversions between Delta's string partition values and
 * Calcite's values of the SQL type.
 */
record PartitionColumn(
        String deltaName,
        String key,
        String columnName,
        String deltaType,
        SqlTypeName sqlType,
        int precision,
        int scale) {
    private static final DateTimeFormatter DELTA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** Delta's partition timestamps: "yyyy-MM-dd HH:mm:ss" with 0 to 9 fraction digits. */
    private static final DateTimeFormatter TIMESTAMP_INPUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    /** The partition columns of a table, named so they do not collide with {@code reserved} column names. */
    static List<PartitionColumn> of(String table, Metadata metadata, Set<String> reserved) {
        List<PartitionColumn> columns = new ArrayList<>();
        if (metadata.partitionColumns().isEmpty()) {
            return columns;
        }
        // An imported version whose schema comes later types its partition columns as strings, as Delta stores them.
        Map<String, JsonNode> fields = TableSchemas.isMissing(metadata.schemaString())
                ? Map.of()
                : TableSchemas.validate(table, metadata.schemaString(), metadata.partitionColumns());
        ColumnMappingNames names = ColumnMappingNames.of(metadata);
        for (String name : metadata.partitionColumns()) {
            JsonNode field = fields.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            String type = field == null || !field.isTextual() ? "string" : field.asText();
            String lower = name.toLowerCase(Locale.ROOT);
            String column = reserved.contains(lower) ? "partition_" + lower : lower;
            columns.add(forType(name, names.physical(name), column, type));
        }
        return columns;
    }

    private static PartitionColumn forType(String name, String key, String column, String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.startsWith("decimal")) {
            int p = 10;
            int s = 0;
            Matcher m = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)").matcher(t);
            if (m.matches()) {
                p = Integer.parseInt(m.group(1));
                s = Integer.parseInt(m.group(2));
            }
            return new PartitionColumn(name, key, column, type, SqlTypeName.DECIMAL, p, s);
        }
        SqlTypeName sql = switch (t) {
            case "long" -> SqlTypeName.BIGINT;
            case "integer" -> SqlTypeName.INTEGER;
            case "short" -> SqlTypeName.SMALLINT;
            case "byte" -> SqlTypeName.TINYINT;
            case "boolean" -> SqlTypeName.BOOLEAN;
            case "double" -> SqlTypeName.DOUBLE;
            case "float" -> SqlTypeName.REAL;
            case "date" -> SqlTypeName.DATE;
            case "timestamp", "timestamp_ntz" -> SqlTypeName.TIMESTAMP;
            case "binary" -> SqlTypeName.VARBINARY;
            default -> SqlTypeName.VARCHAR;
        };
        return new PartitionColumn(name, key, column, type, sql, -1, -1);
    }

    RelDataType type(RelDataTypeFactory factory) {
        RelDataType base = switch (sqlType) {
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, precision, scale);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 3);
            default -> factory.createSqlType(sqlType);
        };
        return factory.createTypeWithNullability(base, true);
    }

    /** Delta's string value as Calcite's value of the SQL type; a value that does not parse reads as null. */
    Object toSql(String value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (sqlType) {
                case BIGINT -> Long.parseLong(value.trim());
                case INTEGER -> Integer.parseInt(value.trim());
                case SMALLINT -> Short.parseShort(value.trim());
                case TINYINT -> Byte.parseByte(value.trim());
                case BOOLEAN -> Boolean.parseBoolean(value.trim());
                case DOUBLE -> Double.parseDouble(value.trim());
                case REAL -> Float.parseFloat(value.trim());
                case DECIMAL -> new BigDecimal(value.trim());
                case DATE -> (int) LocalDate.parse(value.trim()).toEpochDay();
                case TIMESTAMP -> parseTimestamp(value.trim());
                case VARBINARY -> new ByteString(value.getBytes(StandardCharsets.ISO_8859_1));
                default -> value;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** Calcite's value of the SQL type as the string Delta writes in partitionValues. */
    String toDelta(Object value) {
        if (value == null) {
            return null;
        }
        return switch (sqlType) {
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
            case TIMESTAMP -> formatTimestamp(((Number) value).longValue());
            case DECIMAL -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            case VARBINARY ->
                value instanceof ByteString b
                        ? new String(b.getBytes(), StandardCharsets.ISO_8859_1)
                        : value.toString();
            default -> value.toString();
        };
    }

    /** Checks a Delta string value parses as this column's type; the message names the column and the value. */
    void check(String table, String value) {
        if (value != null && toSql(value) == null) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': partition column '" + deltaName + "' is of type "
                    + deltaType + ", and '" + value + "' is not a value of that type");
        }
    }

    static long parseTimestamp(String value) {
        try {
            return LocalDateTime.parse(value, TIMESTAMP_INPUT)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        }
    }

    static String formatTimestamp(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return t.getNano() == 0
                ? t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                : t.format(DELTA_TIMESTAMP);
    }
}
