package io.deltasql.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Rows the catalog cannot serve, written straight into the catalog database, as something other than deltasql might. */
public final class BrokenRows {
    private BrokenRows() {}

    /** Replaces the table's metaData action by text no JSON reader takes (small enough for every catalog database). */
    public static void breakMetadata(String jdbcUrl, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement ps =
                        c.prepareStatement("UPDATE ds_actions SET action_json = ? WHERE action_type = 'metaData'"
                                + " AND table_id = (SELECT table_id FROM ds_tables WHERE name = ?)")) {
            ps.setString(1, "{\"metaData\":{\"id\":\"00000000-0000-0000-0000-000000000000\",\"format\":");
            ps.setString(2, table);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("table '" + table + "' has no metaData row to break");
            }
        }
    }
}
