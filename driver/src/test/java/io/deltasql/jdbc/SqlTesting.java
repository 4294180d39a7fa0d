package io.deltasql.jdbc;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Connecting to a test catalog through the driver, and reading results as plain values. */
final class SqlTesting {
    private SqlTesting() {}

    static String url(CatalogTarget.TestCatalog catalog) {
        return "jdbc:deltasql:" + catalog.jdbcUrl().substring("jdbc:".length());
    }

    static Connection connect(CatalogTarget.TestCatalog catalog) throws SQLException {
        return DriverManager.getConnection(url(catalog));
    }

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
