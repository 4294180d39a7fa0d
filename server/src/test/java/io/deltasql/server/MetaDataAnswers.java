package io.deltasql.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calls every method of {@link DatabaseMetaData} with sensible arguments (the {@code delta} schema
 * and one of its tables where a table is named) and records each answer as text: a value, a
 * result's column labels and rows, or the exception's class and SQLState.
 */
final class MetaDataAnswers {
    /** The methods that name one table (catalog, schema, table, …) and refuse a null table name. */
    private static final Set<String> ONE_TABLE = Set.of(
            "getPrimaryKeys",
            "getImportedKeys",
            "getExportedKeys",
            "getIndexInfo",
            "getBestRowIdentifier",
            "getVersionColumns",
            "getColumnPrivileges");

    private MetaDataAnswers() {}

    /** Every method's answer, keyed by its name and parameter types. */
    static Map<String, String> of(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Map<String, String> answers = new TreeMap<>();
        Method[] methods = DatabaseMetaData.class.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::toString));
        for (Method m : methods) {
            answers.put(signature(m), answer(md, m, arguments(m, table)));
        }
        return answers;
    }

    static String signature(Method m) {
        return m.getName()
                + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList();
    }

    private static Object[] arguments(Method m, String table) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        int strings = 0;
        int ints = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == String.class) {
                args[i] = string(m.getName(), strings++, table);
            } else if (types[i] == int.class) {
                args[i] = integer(m.getName(), ints++);
            } else if (types[i] == boolean.class) {
                args[i] = m.getName().equals("getIndexInfo") && i == 4; // approximate
            } else if (types[i] == Class.class) {
                args[i] = DatabaseMetaData.class;
            }
        }
        return args;
    }

    /** Catalogs null; the schema "delta" and the table where one table is named; other patterns null (every name). */
    private static String string(String method, int index, String table) {
        if (ONE_TABLE.contains(method) || method.equals("getCrossReference")) {
            return switch (index % 3) {
                case 1 -> "delta";
                case 2 -> table;
                default -> null;
            };
        }
        return null;
    }

    private static int integer(String method, int index) {
        return switch (method) {
            case "supportsConvert" -> index == 0 ? Types.VARCHAR : Types.BIGINT;
            case "supportsTransactionIsolationLevel" -> Connection.TRANSACTION_SERIALIZABLE;
            case "supportsResultSetHoldability" -> ResultSet.HOLD_CURSORS_OVER_COMMIT;
            case "supportsResultSetConcurrency" ->
                index == 0 ? ResultSet.TYPE_FORWARD_ONLY : ResultSet.CONCUR_READ_ONLY;
            case "getBestRowIdentifier" -> DatabaseMetaData.bestRowSession;
            default -> ResultSet.TYPE_FORWARD_ONLY; // the visibility and detection methods, supportsResultSetType
        };
    }

    private static String answer(DatabaseMetaData md, Method m, Object[] args) {
        try {
            Object value = m.invoke(md, args);
            if (value instanceof ResultSet rs) {
                return describe(rs);
            }
            if (value instanceof Connection) {
                return "a connection";
            }
            if (value instanceof DatabaseMetaData) {
                return "a DatabaseMetaData";
            }
            return String.valueOf(value);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return "throws " + cause.getClass().getSimpleName()
                    + (cause instanceof SQLException s ? " " + s.getSQLState() : "") + ": " + cause.getMessage();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static String describe(ResultSet results) throws InvocationTargetException {
        try (ResultSet rs = results) {
            int n = rs.getMetaData().getColumnCount();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                labels.add(rs.getMetaData().getColumnLabel(i));
            }
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof Number num ? String.valueOf(num.longValue()) : String.valueOf(v));
                }
                rows.add(row.toString());
            }
            return "result " + labels + " rows " + rows;
        } catch (SQLException e) {
            throw new InvocationTargetException(e);
        }
    }
}
