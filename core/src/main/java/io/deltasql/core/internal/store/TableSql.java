package io.deltasql.core.internal.store;

import java.util.Collections;

/**
 * The SQL of {@code ds_tables}, the table registry: one head row per table, which a commit locks
 * and advances. Dropping a table deletes its rows of every other table family too. All values go
 * through parameters.
 */
final class TableSql {
    private TableSql() {}

    static final String TABLE_COLUMNS =
            "table_id, name, location, table_uuid, created_at, head_version, head_timestamp";

    static final String FIND_TABLE = "SELECT " + TABLE_COLUMNS + " FROM ds_tables WHERE name = ?";
    static final String FIND_TABLE_BY_UUID = "SELECT " + TABLE_COLUMNS + " FROM ds_tables WHERE table_uuid = ?";
    static final String LIST_TABLES = "SELECT " + TABLE_COLUMNS + " FROM ds_tables ORDER BY name";
    static final String INSERT_TABLE =
            "INSERT INTO ds_tables (name, location, table_uuid, created_at, head_version, head_timestamp,"
                    + " mirrored_version) VALUES (?, ?, ?, ?, ?, ?, -1)";

    /**
     * The head rows of {@code n} tables by name, in name order, with their blocks; the caller's
     * FOR UPDATE suffix ({@link Dialect#forUpdate()}) locks them in that order (PostgreSQL and
     * MariaDB lock rows as the sorted result is read), so transactions over overlapping tables do
     * not deadlock.
     */
    static String lockHeads(int n, String forUpdate) {
        return "SELECT " + TABLE_COLUMNS + ", mirror_blocked FROM ds_tables WHERE name IN (" + "?, ".repeat(n - 1)
                + "?)" + " ORDER BY name" + forUpdate;
    }

    /**
     * Advances {@code n} heads by one version in one statement: parameters are (table id, new
     * timestamp) per table, then (table id, head version read under the lock) per table.
     */
    static String advanceHeads(int n) {
        return "UPDATE ds_tables SET head_version = head_version + 1, head_timestamp = CASE table_id"
                + " WHEN ? THEN ?".repeat(n) + " END WHERE "
                + String.join(" OR ", Collections.nCopies(n, "(table_id = ? AND head_version = ?)"));
    }

    static final String ADVANCE_HEAD =
            "UPDATE ds_tables SET head_version = ?, head_timestamp = ? WHERE table_id = ? AND head_version = ?";

    static final String DELETE_TABLE = "DELETE FROM ds_tables WHERE table_id = ?";
    /** A dropped table's rows in the other families, deleted before its registry row. */
    static final String[] DELETE_TABLE_ROWS = {
        "DELETE FROM ds_file_checkpoints WHERE table_id = ?",
        "DELETE FROM ds_file_checkpoint_ranges WHERE table_id = ?",
        "DELETE FROM ds_files WHERE table_id = ?",
        "DELETE FROM ds_actions WHERE table_id = ?",
        "DELETE FROM ds_app_txns WHERE table_id = ?",
        "DELETE FROM ds_domains WHERE table_id = ?",
        "DELETE FROM ds_commits WHERE table_id = ?",
        "DELETE FROM ds_staged_commits WHERE table_id = ?",
    };
}
