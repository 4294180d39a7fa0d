package io.deltasql.jdbc;

import java.sql.JDBCType;
import java.sql.Types;

/**
 * The type name and sizes JDBC reports for a column of a SQL type, the same in
 * {@code DatabaseMetaData.getColumns}, {@code getFunctionColumns} and {@code ResultSetMetaData}:
 * the standard name without nullability or precision ({@code VARCHAR}, as {@code getTypeInfo}
 * names it), the size in digits for numbers and in characters for strings and date-times, and
 * unbounded strings as {@link #UNBOUNDED} characters (as PostgreSQL reports {@code text}).
 *
 * <p>Calcite describes a type by its precision and scale, where a date-time's precision is its
 * number of fractional-second digits ({@code TIMESTAMP(3)}); that is what the methods take.
 */
public final class ColumnSizes {
    /** Size of a string or binary column without a declared length. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private ColumnSizes() {}

    /** The standard name of a {@link Types} code. */
    public static String typeName(int jdbcType) {
        try {
            return JDBCType.valueOf(jdbcType).getName();
        } catch (IllegalArgumentException unknown) {
            return "OTHER";
        }
    }

    /** COLUMN_SIZE and {@code getPrecision()}: digits of a number, characters of a string or a date-time; null where it means nothing. */
    public static Integer columnSize(int jdbcType, int precision, int scale) {
        if (isCharacter(jdbcType)) {
            return precision > 0 ? precision : UNBOUNDED;
        }
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> 1;
            case Types.TINYINT -> 3;
            case Types.SMALLINT -> 5;
            case Types.INTEGER -> 10;
            case Types.BIGINT -> 19;
            case Types.REAL -> 7;
            case Types.FLOAT, Types.DOUBLE -> 15;
            case Types.DECIMAL, Types.NUMERIC -> precision > 0 ? precision : 19;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                precision > 0 ? precision : UNBOUNDED;
            case Types.DATE -> 10;
            case Types.TIME -> 8 + fraction(precision);
            case Types.TIME_WITH_TIMEZONE -> 14 + fraction(precision);
            case Types.TIMESTAMP -> 19 + fraction(precision);
            case Types.TIMESTAMP_WITH_TIMEZONE -> 25 + fraction(precision);
            default -> precision > 0 ? precision : null;
        };
    }

    /** {@code getColumnDisplaySize()}: the characters the widest value takes as text. */
    public static int displaySize(int jdbcType, int precision, int scale) {
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> 5; // false
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT ->
                columnSize(jdbcType, precision, scale) + 1; // sign
            case Types.REAL -> 15;
            case Types.FLOAT, Types.DOUBLE -> 24;
            case Types.DECIMAL, Types.NUMERIC ->
                columnSize(jdbcType, precision, scale) + (scale > 0 ? 2 : 1); // sign, point
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                precision > 0 && precision < UNBOUNDED / 2 ? 2 * precision : UNBOUNDED; // hexadecimal
            default -> {
                Integer size = columnSize(jdbcType, precision, scale);
                yield size == null ? UNBOUNDED : size;
            }
        };
    }

    /** DECIMAL_DIGITS and {@code getScale()}: digits after the point, fractional-second digits of a date-time. */
    public static Integer decimalDigits(int jdbcType, int precision, int scale) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> 0;
            case Types.DECIMAL, Types.NUMERIC -> Math.max(scale, 0);
            case Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                Math.max(precision, 0);
            default -> null;
        };
    }

    /** CHAR_OCTET_LENGTH: the most bytes a string value takes (UTF-8, four per character), null for other types. */
    public static Integer charOctetLength(int jdbcType, int precision) {
        if (!isCharacter(jdbcType)) {
            return null;
        }
        return precision > 0 && precision < UNBOUNDED / 4 ? 4 * precision : UNBOUNDED;
    }

    /** Whether values of the type are text: sized in characters, unbounded without a declared length. */
    private static boolean isCharacter(int jdbcType) {
        return switch (jdbcType) {
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.CLOB -> true;
            default -> false;
        };
    }

    /** NUM_PREC_RADIX: 10 for numbers, null for other types. */
    public static Integer radix(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT,
                    Types.SMALLINT,
                    Types.INTEGER,
                    Types.BIGINT,
                    Types.REAL,
                    Types.FLOAT,
                    Types.DOUBLE,
                    Types.DECIMAL,
                    Types.NUMERIC -> 10;
            default -> null;
        };
    }

    private static int fraction(int digits) {
        return digits > 0 ? digits + 1 : 0;
    }
}
