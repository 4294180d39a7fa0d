package io.deltasql.calcite;

import java.sql.DatabaseMetaData;
import java.sql.JDBCType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.functions} and {@code sys.function_columns}: the table functions of the {@code delta}
 * schema, their parameters and the columns they return, as the JDBC driver's
 * {@code getFunctions} and {@code getFunctionColumns} report them (a remote client reads them with
 * a query). Numbers are JDBC's codes, as those methods give them.
 */
final class FunctionTables {
    /** One table function. */
    record FunctionRow(String schema, String name, String remarks) {}

    /** A parameter (column type {@code functionColumnIn}) or a result column ({@code functionColumnResult}) of a function. */
    record FunctionColumnRow(
            String schema,
            String function,
            String column,
            int columnType,
            RelDataType type,
            boolean nullable,
            int ordinal,
            String remarks) {}

    private static final Map<String, String> REMARKS = Map.of(
            "files",
                    "Active files of a Delta table at a version: TABLE(delta.files('<table>', <version>)),"
                            + " with the columns of <table>$files (its partition columns after these)",
            "files_as_of",
                    "Active files of a Delta table at a time: TABLE(delta.files_as_of('<table>', TIMESTAMP '…')),"
                            + " with the columns of <table>$files (its partition columns after these)");

    private FunctionTables() {}

    static void addTo(Map<String, Table> tables) {
        tables.put(
                "functions",
                new SysSchema.ListTable<>(
                        new Columns<FunctionRow>()
                                .notNull("schema_name", SqlTypeName.VARCHAR, FunctionRow::schema)
                                .notNull("function_name", SqlTypeName.VARCHAR, FunctionRow::name)
                                .notNull("function_type", SqlTypeName.SMALLINT, f ->
                                        (short) DatabaseMetaData.functionReturnsTable)
                                .add("remarks", SqlTypeName.VARCHAR, FunctionRow::remarks),
                        FunctionTables::functions));
        tables.put(
                "function_columns",
                new SysSchema.ListTable<>(
                        new Columns<FunctionColumnRow>()
                                .notNull("schema_name", SqlTypeName.VARCHAR, FunctionColumnRow::schema)
                                .notNull("function_name", SqlTypeName.VARCHAR, FunctionColumnRow::function)
                                .notNull("column_name", SqlTypeName.VARCHAR, FunctionColumnRow::column)
                                .notNull("column_type", SqlTypeName.SMALLINT, c -> (short) c.columnType())
                                .notNull(
                                        "data_type",
                                        SqlTypeName.INTEGER,
                                        c -> c.type().getSqlTypeName().getJdbcOrdinal())
                                .notNull("type_name", SqlTypeName.VARCHAR, c -> typeName(c.type()))
                                .add("column_size", SqlTypeName.INTEGER, c -> size(c.type()))
                                .add("decimal_digits", SqlTypeName.SMALLINT, c -> digits(c.type()))
                                .add("radix", SqlTypeName.SMALLINT, c -> radix(c.type()))
                                .notNull("nullable", SqlTypeName.SMALLINT, c -> (short)
                                        (c.nullable()
                                                ? DatabaseMetaData.functionNullable
                                                : DatabaseMetaData.functionNoNulls))
                                .add("char_octet_length", SqlTypeName.INTEGER, c -> octets(c.type()))
                                .notNull("ordinal_position", SqlTypeName.INTEGER, FunctionColumnRow::ordinal)
                                .add("remarks", SqlTypeName.VARCHAR, FunctionColumnRow::remarks),
                        FunctionTables::functionColumns));
    }

    private static List<FunctionRow> functions() {
        DeltaSchema delta = new DeltaSchema(null);
        List<FunctionRow> rows = new ArrayList<>();
        for (String name : delta.getFunctionNames()) {
            rows.add(new FunctionRow("delta", name, REMARKS.get(name)));
        }
        return rows;
    }

    private static List<FunctionColumnRow> functionColumns() {
        DeltaSchema delta = new DeltaSchema(null);
        RelDataTypeFactory types = new JavaTypeFactoryImpl();
        List<FunctionColumnRow> rows = new ArrayList<>();
        for (String name : delta.getFunctionNames()) {
            for (Function f : delta.getFunctions(name)) {
                for (FunctionParameter p : f.getParameters()) {
                    rows.add(new FunctionColumnRow(
                            "delta",
                            name,
                            p.getName(),
                            DatabaseMetaData.functionColumnIn,
                            p.getType(types),
                            p.isOptional(),
                            p.getOrdinal() + 1,
                            "a literal"));
                }
                if (f instanceof TimeTravelMacro) {
                    // Ordinal 0 for the columns of the result, as JDBC numbers them.
                    for (RelDataTypeField c : FilesTable.fixedRowType(types).getFieldList()) {
                        rows.add(new FunctionColumnRow(
                                "delta",
                                name,
                                c.getName(),
                                DatabaseMetaData.functionColumnResult,
                                c.getType(),
                                c.getType().isNullable(),
                                0,
                                null));
                    }
                }
            }
        }
        return rows;
    }

    // Sizes as the JDBC driver's ColumnSizes reports them for getColumns (the driver's tests hold them equal).
    private static String typeName(RelDataType t) {
        return JDBCType.valueOf(t.getSqlTypeName().getJdbcOrdinal()).getName();
    }

    private static Integer size(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case BOOLEAN -> 1;
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case REAL -> 7;
            case FLOAT, DOUBLE -> 15;
            case DECIMAL -> t.getPrecision();
            case CHAR, VARCHAR, BINARY, VARBINARY -> t.getPrecision() > 0 ? t.getPrecision() : Integer.MAX_VALUE;
            case DATE -> 10;
            case TIMESTAMP -> 19 + (t.getPrecision() > 0 ? t.getPrecision() + 1 : 0);
            default -> null;
        };
    }

    private static Short digits(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> (short) 0;
            case DECIMAL -> (short) t.getScale();
            case TIMESTAMP -> (short) Math.max(t.getPrecision(), 0);
            default -> null;
        };
    }

    private static Short radix(RelDataType t) {
        return SqlTypeName.NUMERIC_TYPES.contains(t.getSqlTypeName()) ? (short) 10 : null;
    }

    private static Integer octets(RelDataType t) {
        return SqlTypeName.CHAR_TYPES.contains(t.getSqlTypeName())
                ? t.getPrecision() > 0 ? 4 * t.getPrecision() : Integer.MAX_VALUE
                : null;
    }
}
