package io.deltasql.calcite;

import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SQL on an adapter connection ({@link AdapterConnections}): creating tables, results as plain values, plans. */
final class SqlTesting {
    private SqlTesting() {}

    /** Creates a Delta table through SQL; partitioned by region when asked. */
    static void createTable(Statement s, String name, Path location, boolean partitioned) throws SQLException {
        s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('" + name
                + "', '" + location + "', '" + Fixtures.SCHEMA + "', '" + (partitioned ? "[\"region\"]" : "[]") + "')");
    }

    /** Every row of a query, each as a list of its column values (as getObject returns them). */
    static List<List<Object>> rows(Statement s, String sql) throws SQLException {
        return rows(s.executeQuery(sql));
    }

    /** Every row of a result set (closed afterwards). */
    static List<List<Object>> rows(ResultSet results) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = results) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The first column of every row. */
    static List<Object> column(Statement s, String sql) throws SQLException {
        return rows(s, sql).stream().map(r -> r.get(0)).toList();
    }

    static long count(Statement s, String sql) throws SQLException {
        return ((Number) column(s, sql).get(0)).longValue();
    }

    /** The whole plan Calcite chose for {@code sql} as {@code EXPLAIN PLAN FOR} prints it: one line per operator, inputs indented. */
    static String plan(Statement s, String sql) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            while (rs.next()) {
                b.append(rs.getString(1));
            }
        }
        return b.toString();
    }

    /**
     * The SQLState the adapter gave a failed statement: that of the deltasql exception under
     * Calcite's SQLException (the driver hands it to users as the SQLException's own); null when none.
     */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeltaSqlException e) {
                return e.sqlState();
            }
        }
        return null;
    }

    /** The files under a table's {@code _delta_log} with their sizes: to show a failed statement wrote nothing. */
    static TreeMap<String, Long> deltaLog(Path location) {
        TreeMap<String, Long> files = new TreeMap<>();
        Path log = location.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return files;
        }
        try (Stream<Path> list = Files.list(log)) {
            list.forEach(p -> {
                try {
                    files.put(p.getFileName().toString(), Files.size(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
