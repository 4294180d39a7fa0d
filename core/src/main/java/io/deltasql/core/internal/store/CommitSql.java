package io.deltasql.core.internal.store;

/**
 * The SQL of {@code ds_commits}: one row per version of a table, with what the version changed
 * and the counts a snapshot header needs; history and time travel read it.
 */
final class CommitSql {
    private CommitSql() {}

    static final String INSERT_COMMIT =
            "INSERT INTO ds_commits (table_id, version, commit_timestamp, commit_id, operation,"
                    + " commit_info, is_blind_append, changes_metadata, changes_protocol, has_txn, has_domain, num_added_files,"
                    + " num_removed_files, num_actions, num_files, size_bytes, origin, mirror_state)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String COMMIT_AT = "SELECT version, commit_timestamp, num_files, size_bytes FROM ds_commits"
            + " WHERE table_id = ? AND version = ?";
    static final String COMMITS_BETWEEN = "SELECT version, changes_metadata, changes_protocol, has_txn, has_domain,"
            + " is_blind_append FROM ds_commits WHERE table_id = ? AND version > ? AND version <= ? ORDER BY version";
    static final String VERSION_AS_OF =
            "SELECT MAX(version) FROM ds_commits WHERE table_id = ? AND commit_timestamp <= ?";
    static final String EARLIEST_COMMIT =
            "SELECT MIN(version), MIN(commit_timestamp) FROM ds_commits WHERE table_id = ?";
    static final String COMMIT_BY_ID = "SELECT t.name, c.version, c.commit_timestamp FROM ds_commits c"
            + " JOIN ds_tables t ON t.table_id = c.table_id WHERE c.commit_id = ?";
    static final String HISTORY = "SELECT version, commit_timestamp, operation, commit_info, num_added_files,"
            + " num_removed_files, is_blind_append FROM ds_commits WHERE table_id = ? ORDER BY version DESC";
    /** How many file rows the versions in (from, to] added and removed. */
    static final String FILE_CHANGES_BETWEEN =
            "SELECT COALESCE(SUM(num_added_files + num_removed_files), 0) FROM ds_commits"
                    + " WHERE table_id = ? AND version > ? AND version <= ?";
}
