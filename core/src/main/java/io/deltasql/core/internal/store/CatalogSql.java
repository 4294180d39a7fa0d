package io.deltasql.core.internal.store;

/** Every SQL statement of the catalog store, in one place; all values go through parameters. */
final class CatalogSql {
    private CatalogSql() {
    }

    static final String TABLE_COLUMNS = "table_id, name, location, table_uuid, created_at, head_version, head_timestamp";

    static final String FIND_TABLE = "SELECT " + TABLE_COLUMNS + " FROM ds_tables WHERE name = ?";
    static final String LIST_TABLES = "SELECT " + TABLE_COLUMNS + " FROM ds_tables ORDER BY name";
    static final String INSERT_TABLE = "INSERT INTO ds_tables (name, location, table_uuid, created_at, head_version, head_timestamp,"
            + " mirrored_version) VALUES (?, ?, ?, ?, ?, ?, -1)";
    /**
     * The head rows of {@code n} tables by name, in name order, with their blocks; the caller's
     * FOR UPDATE suffix locks them in that order (PostgreSQL and MariaDB lock rows as the sorted
     * result is read), so transactions over overlapping tables do not deadlock.
     */
    static String lockHeads(int n, String forUpdate) {
        return "SELECT " + TABLE_COLUMNS + ", mirror_blocked FROM ds_tables WHERE name IN (" + "?, ".repeat(n - 1) + "?)"
                + " ORDER BY name" + forUpdate;
    }

    /**
     * Advances {@code n} heads by one version in one statement: parameters are (table id, new
     * timestamp) per table, then (table id, head version read under the lock) per table.
     */
    static String advanceHeads(int n) {
        return "UPDATE ds_tables SET head_version = head_version + 1, head_timestamp = CASE table_id"
                + " WHEN ? THEN ?".repeat(n) + " END WHERE " + String.join(" OR ",
                java.util.Collections.nCopies(n, "(table_id = ? AND head_version = ?)"));
    }

    static final String ADVANCE_HEAD =
            "UPDATE ds_tables SET head_version = ?, head_timestamp = ? WHERE table_id = ? AND head_version = ?";

    static final String MIRROR_OF_TABLE = "SELECT mirrored_version, mirror_blocked FROM ds_tables WHERE table_id = ?";
    static final String PENDING_MIRRORS = "SELECT t.name, c.version, c.mirror_error FROM ds_commits c JOIN ds_tables t"
            + " ON t.table_id = c.table_id WHERE c.mirror_state = 0 ORDER BY t.name, c.version";
    static final String PENDING_MIRRORS_OF_TABLE =
            "SELECT version, mirror_error FROM ds_commits WHERE mirror_state = 0 AND table_id = ? ORDER BY version";
    /** Marks a run of consecutive versions (first, last) mirrored. */
    static final String MARK_MIRRORED = "UPDATE ds_commits SET mirror_state = 1, mirror_error = NULL"
            + " WHERE table_id = ? AND version >= ? AND version <= ?";
    static final String MARK_MIRROR_FAILED = "UPDATE ds_commits SET mirror_error = ? WHERE table_id = ? AND version = ? AND mirror_state = 0";
    static final String ADVANCE_MIRRORED = "UPDATE ds_tables SET mirrored_version = ? WHERE table_id = ? AND mirrored_version < ?";
    static final String BLOCK_TABLE = "UPDATE ds_tables SET mirror_blocked = ? WHERE table_id = ?";
    static final String LINES_OF_VERSION =
            "SELECT action_json FROM ds_actions WHERE table_id = ? AND version = ? ORDER BY seq";

    static final String DELETE_TABLE = "DELETE FROM ds_tables WHERE table_id = ?";
    static final String[] DELETE_TABLE_ROWS = {
        "DELETE FROM ds_file_checkpoints WHERE table_id = ?",
        "DELETE FROM ds_file_checkpoint_ranges WHERE table_id = ?",
        "DELETE FROM ds_files WHERE table_id = ?",
        "DELETE FROM ds_actions WHERE table_id = ?",
        "DELETE FROM ds_app_txns WHERE table_id = ?",
        "DELETE FROM ds_domains WHERE table_id = ?",
        "DELETE FROM ds_commits WHERE table_id = ?",
    };

    static final String INSERT_COMMIT = "INSERT INTO ds_commits (table_id, version, commit_timestamp, commit_id, operation,"
            + " commit_info, is_blind_append, changes_metadata, changes_protocol, has_txn, has_domain, num_added_files,"
            + " num_removed_files, num_actions, num_files, size_bytes, origin, mirror_state)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ACTION =
            "INSERT INTO ds_actions (table_id, version, seq, action_type, action_json) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_FILE = "INSERT INTO ds_files (table_id, file_key, added_version, removed_version, path, dv_id,"
            + " size_bytes, modification_time, data_change, partition_values, add_json, stats, plain_add, partition_hash)"
            + " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String LIFETIMES_OF_KEYS =
            "SELECT file_key, added_version, removed_version, size_bytes FROM ds_files WHERE file_key IN (";
    static final String CLOSE_LIFETIME =
            "UPDATE ds_files SET removed_version = ? WHERE file_key = ? AND added_version = ? AND removed_version IS NULL";
    static final String INSERT_APP_TXN =
            "INSERT INTO ds_app_txns (table_id, app_id, version, txn_version, last_updated) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_DOMAIN =
            "INSERT INTO ds_domains (table_id, domain, version, configuration, removed) VALUES (?, ?, ?, ?, ?)";

    static final String COMMIT_AT = "SELECT version, commit_timestamp, num_files, size_bytes FROM ds_commits"
            + " WHERE table_id = ? AND version = ?";
    static final String COMMITS_BETWEEN = "SELECT version, changes_metadata, changes_protocol, has_txn, has_domain,"
            + " is_blind_append FROM ds_commits WHERE table_id = ? AND version > ? AND version <= ? ORDER BY version";
    static final String VERSION_AS_OF =
            "SELECT MAX(version) FROM ds_commits WHERE table_id = ? AND commit_timestamp <= ?";
    static final String EARLIEST_COMMIT = "SELECT MIN(version), MIN(commit_timestamp) FROM ds_commits WHERE table_id = ?";
    static final String COMMIT_BY_ID = "SELECT t.name, c.version, c.commit_timestamp FROM ds_commits c"
            + " JOIN ds_tables t ON t.table_id = c.table_id WHERE c.commit_id = ?";
    static final String HISTORY = "SELECT version, commit_timestamp, operation, commit_info, num_added_files,"
            + " num_removed_files, is_blind_append FROM ds_commits WHERE table_id = ? ORDER BY version DESC";

    // The version first, from the (table_id, action_type, version) index alone: ordering the actions
    // themselves by version made SQLite walk the primary key back to version 0.
    static final String LATEST_ACTION_OF_TYPE = "SELECT action_json FROM ds_actions WHERE table_id = ? AND action_type = ?"
            + " AND version = (SELECT MAX(version) FROM ds_actions WHERE table_id = ? AND action_type = ? AND version <= ?)"
            + " ORDER BY seq DESC";
    static final String ACTIONS_OF_VERSION =
            "SELECT action_json FROM ds_actions WHERE table_id = ? AND version = ? ORDER BY seq";

    /**
     * A whole header in one round trip (what a cold snapshot reads first): rows tagged by their
     * first column: 0 the commit row (timestamp, files, bytes), 1 and 2 the protocol and metaData
     * actions of the latest version that has one (seq in the fourth column; the last one counts),
     * 3 the transactions (app id, version), 4 the domains (domain, configuration, removed).
     * Parameters: table, version; then (table, table, version) twice; then (table, version, table) twice.
     */
    static final String HEADER_AT = "SELECT 0, '', '', commit_timestamp, num_files, size_bytes FROM ds_commits"
            + " WHERE table_id = ? AND version = ?"
            + " UNION ALL " + latestActionRows(1, "protocol")
            + " UNION ALL " + latestActionRows(2, "metaData")
            + " UNION ALL SELECT 3, t.app_id, '', t.txn_version, 0, 0 FROM ds_app_txns t JOIN (SELECT app_id, MAX(version) AS mv"
            + " FROM ds_app_txns WHERE table_id = ? AND version <= ? GROUP BY app_id) m ON t.app_id = m.app_id AND t.version = m.mv"
            + " WHERE t.table_id = ?"
            + " UNION ALL SELECT 4, d.domain, d.configuration, d.removed, 0, 0 FROM ds_domains d JOIN (SELECT domain, MAX(version) AS mv"
            + " FROM ds_domains WHERE table_id = ? AND version <= ? GROUP BY domain) m ON d.domain = m.domain AND d.version = m.mv"
            + " WHERE d.table_id = ?";

    private static String latestActionRows(int tag, String type) {
        return "SELECT " + tag + ", action_json, '', seq, 0, 0 FROM ds_actions WHERE table_id = ? AND action_type = '" + type + "'"
                + " AND version = (SELECT MAX(version) FROM ds_actions WHERE table_id = ? AND action_type = '" + type + "'"
                + " AND version <= ?)";
    }

    static final String APP_TXNS_BETWEEN = "SELECT app_id, txn_version, version FROM ds_app_txns WHERE table_id = ?"
            + " AND version > ? AND version <= ? ORDER BY version";
    static final String DOMAINS_BETWEEN = "SELECT domain, configuration, removed, version FROM ds_domains WHERE table_id = ?"
            + " AND version > ? AND version <= ? ORDER BY version";

    /** What {@link FileRows} maps to an add: the columns, and the add's JSON only when the columns do not hold all of it. */
    static final String FILE_COLUMNS = "path, partition_values, size_bytes, modification_time, data_change, stats,"
            + " CASE WHEN plain_add = 1 THEN NULL ELSE add_json END";
    static final String FILES_ADDED_BETWEEN = "SELECT " + FILE_COLUMNS + " FROM ds_files WHERE table_id = ? AND added_version > ?"
            + " AND added_version <= ? AND (removed_version IS NULL OR removed_version > ?)";
    /** For going back from a later file list: what was added after v (and is dropped) ... */
    static final String KEYS_ADDED_BETWEEN = "SELECT path, dv_id FROM ds_files WHERE table_id = ? AND added_version > ?"
            + " AND added_version <= ?";
    /** ... and what was active at v but removed since (and comes back). */
    static final String FILES_REMOVED_BETWEEN = "SELECT " + FILE_COLUMNS + " FROM ds_files WHERE table_id = ? AND removed_version > ?"
            + " AND removed_version <= ? AND added_version <= ?";
    static final String FILE_CHANGES_BETWEEN = "SELECT COALESCE(SUM(num_added_files + num_removed_files), 0) FROM ds_commits"
            + " WHERE table_id = ? AND version > ? AND version <= ?";
    static final String KEYS_REMOVED_BETWEEN = "SELECT path, dv_id FROM ds_files WHERE table_id = ? AND removed_version > ?"
            + " AND removed_version <= ? AND added_version <= ?";

    static final String WINNER_REMOVED_KEYS = "SELECT path, dv_id, removed_version, partition_values FROM ds_files WHERE table_id = ?"
            + " AND removed_version > ? AND removed_version <= ? AND added_version <= ?";
    static final String WINNER_ADDED_FILES = "SELECT path, partition_values, added_version, data_change FROM ds_files"
            + " WHERE table_id = ? AND added_version > ? AND added_version <= ?";
}
