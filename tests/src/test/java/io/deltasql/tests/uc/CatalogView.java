package io.deltasql.tests.uc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the SQL side of the server says about a table: its kind and UC id, versions, files. */
final class CatalogView {
    private CatalogView() {}

    /** {@code delta.tables}' kind and catalog table id of a table. */
    record Registration(String kind, String catalogTableId) {}

    static Registration registration(Connection c, String table) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT kind, catalog_table_id FROM delta.tables WHERE name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no table '" + table + "' in delta.tables");
                }
                return new Registration(rs.getString(1), rs.getString(2));
            }
        }
    }

    /** Every table name in {@code delta.tables}, sorted. */
    static List<String> tableNames(Connection c) throws SQLException {
        return strings(c, "SELECT name FROM delta.tables ORDER BY name");
    }

    /** {@code $history}'s versions, ascending. */
    static List<Long> versions(Connection c, String table) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM \"" + table + "$history\" ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** {@code $history}'s version and operation, ascending, as {@code "v operation"}. */
    static List<String> history(Connection c, String table) throws SQLException {
        return strings(
                c,
                "SELECT CAST(version AS VARCHAR(20)) || ' ' || operation FROM \"" + table
                        + "$history\" ORDER BY version");
    }

    /** The active files' paths at the latest version (a list: a path listed twice shows twice), sorted. */
    static List<String> files(Connection c, String table) throws SQLException {
        return strings(c, "SELECT path FROM \"" + table + "$files\" ORDER BY path");
    }

    /** The active files' paths at {@code version}, sorted. */
    static List<String> filesAt(Connection c, String table, long version) throws SQLException {
        return strings(c, "SELECT path FROM TABLE(delta.files('" + table + "', " + version + ")) ORDER BY path");
    }

    /** The paths the add actions of one version name. */
    static List<String> addedAt(Connection c, String table, long version) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String json : strings(
                c,
                "SELECT action_json FROM \"" + table + "$log\" WHERE version = " + version
                        + " AND action_type = 'add'")) {
            out.add(UcJson.parse(json).get("add").get("path").asText());
        }
        return out;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
