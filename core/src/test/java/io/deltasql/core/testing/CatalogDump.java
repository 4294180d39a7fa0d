package io.deltasql.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Every row of every catalog table, read straight from the catalog database: tests compare a dump
 * taken before a failing call with one taken after to prove the call changed nothing. The mirror's
 * progress columns are left out: the {@code _delta_log} mirror records earlier commits as mirrored
 * in the background, at any moment, so they are never the effect of the call under test.
 */
public final class CatalogDump {
    private static final String[] TABLES = {
        "ds_tables", "ds_commits", "ds_actions", "ds_files", "ds_app_txns", "ds_domains"
    };
    private static final Set<String> MIRROR_PROGRESS = Set.of("mirror_state", "mirror_error", "mirrored_version");

    private CatalogDump() {}

    public static String of(String jdbcUrl) {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            if (MIRROR_PROGRESS.contains(md.getColumnName(i).toLowerCase())) {
                                continue;
                            }
                            row.append(md.getColumnName(i).toLowerCase())
                                    .append('=')
                                    .append(rs.getString(i))
                                    .append(' ');
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                sb.append(table).append(" (").append(rows.size()).append(" rows)\n");
                rows.forEach(r -> sb.append("  ").append(r).append('\n'));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot dump catalog: " + e.getMessage(), e);
        }
        return sb.toString();
    }
}
