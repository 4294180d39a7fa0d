package io.deltasql.core.internal.store;

/** The SQL of {@code ds_staged_commits}: the staged commit files of catalog-managed tables' versions. */
final class StagedCommitSql {
    private StagedCommitSql() {}

    static final String INSERT = "INSERT INTO ds_staged_commits (table_id, version, file_name, file_size,"
            + " file_modification_time) VALUES (?, ?, ?, ?, ?)";

    /**
     * The versions after {@code from} up to the head, with their staged files where they have one
     * (NULL file name for a version deltasql committed and has not staged).
     */
    static final String FROM = "SELECT c.version, c.commit_timestamp, s.file_name, s.file_size,"
            + " s.file_modification_time FROM ds_commits c LEFT JOIN ds_staged_commits s"
            + " ON s.table_id = c.table_id AND s.version = c.version"
            + " WHERE c.table_id = ? AND c.version > ? AND c.version <= ? ORDER BY c.version";

    static final String COMMIT_ID_AT = "SELECT commit_id FROM ds_commits WHERE table_id = ? AND version = ?";
}
