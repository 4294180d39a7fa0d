package io.deltasql.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code getFunctions} and {@code getFunctionColumns} as queries of {@code sys.functions} and
 * {@code sys.function_columns}: deltasql's table functions (not Calcite's operators), and the same
 * rows through {@code jdbc:deltasql:remote:}, whose Avatica protocol has no call for them. Needs
 * only java.sql.
 */
final class FunctionMetadata {
    private static final String FUNCTIONS = "SELECT CAST(NULL AS VARCHAR) AS \"FUNCTION_CAT\","
            + " schema_name AS \"FUNCTION_SCHEM\", function_name AS \"FUNCTION_NAME\", remarks AS \"REMARKS\","
            + " function_type AS \"FUNCTION_TYPE\", function_name AS \"SPECIFIC_NAME\""
            + " FROM sys.functions WHERE schema_name LIKE ? ESCAPE '\\' AND function_name LIKE ? ESCAPE '\\'%s"
            + " ORDER BY \"FUNCTION_SCHEM\", \"FUNCTION_NAME\"";
    private static final String COLUMNS = "SELECT CAST(NULL AS VARCHAR) AS \"FUNCTION_CAT\","
            + " schema_name AS \"FUNCTION_SCHEM\", function_name AS \"FUNCTION_NAME\", column_name AS \"COLUMN_NAME\","
            + " column_type AS \"COLUMN_TYPE\", data_type AS \"DATA_TYPE\", type_name AS \"TYPE_NAME\","
            + " column_size AS \"PRECISION\", column_size AS \"LENGTH\", decimal_digits AS \"SCALE\", radix AS \"RADIX\","
            + " nullable AS \"NULLABLE\", remarks AS \"REMARKS\", char_octet_length AS \"CHAR_OCTET_LENGTH\","
            + " ordinal_position AS \"ORDINAL_POSITION\","
            + " CASE WHEN nullable = 1 THEN CAST('YES' AS VARCHAR) ELSE CAST('NO' AS VARCHAR) END AS \"IS_NULLABLE\", function_name AS \"SPECIFIC_NAME\""
            + " FROM sys.function_columns WHERE schema_name LIKE ? ESCAPE '\\' AND function_name LIKE ? ESCAPE '\\'"
            + " AND column_name LIKE ? ESCAPE '\\'%s"
            + " ORDER BY \"FUNCTION_SCHEM\", \"FUNCTION_NAME\", \"COLUMN_TYPE\", \"ORDINAL_POSITION\"";

    private FunctionMetadata() {}

    /** Whether this method is answered here. */
    static boolean answers(String method) {
        return method.equals("getFunctions") || method.equals("getFunctionColumns");
    }

    /**
     * The result of {@code getFunctions(catalog, schema, function)} or
     * {@code getFunctionColumns(catalog, schema, function, column)} on {@code connection}; closing
     * it closes its statement.
     */
    static ResultSet query(Connection connection, String method, Object[] args) throws SQLException {
        boolean columns = method.equals("getFunctionColumns");
        // deltasql has no catalogs: a catalog name other than "" (none) matches nothing.
        String catalog = (String) args[0];
        String noCatalog = catalog == null || catalog.isEmpty() ? "" : " AND 1 = 0";
        PreparedStatement statement =
                connection.prepareStatement(String.format(columns ? COLUMNS : FUNCTIONS, noCatalog));
        try {
            statement.setString(1, pattern(args[1]));
            statement.setString(2, pattern(args[2]));
            if (columns) {
                statement.setString(3, pattern(args[3]));
            }
            ResultSet results = statement.executeQuery();
            statement.closeOnCompletion();
            return results;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** A JDBC name pattern; null matches every name. */
    private static String pattern(Object pattern) {
        return pattern == null ? "%" : (String) pattern;
    }
}
