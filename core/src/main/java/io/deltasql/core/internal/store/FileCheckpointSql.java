package io.deltasql.core.internal.store;

/**
 * The SQL of file-list checkpoints: {@code ds_file_checkpoints} (a table's active files at one
 * version as binary parts, part 0 written last) and {@code ds_file_checkpoint_ranges} (the
 * partition hashes each part holds). See {@link FileCheckpoints}.
 */
final class FileCheckpointSql {
    private FileCheckpointSql() {}

    /** Complete checkpoints (those with a part 0) at or before a version, newest first. */
    static final String NEWEST_AT_OR_BEFORE = "SELECT version, list_id, parts, files FROM ds_file_checkpoints"
            + " WHERE table_id = ? AND part = 0 AND version <= ? ORDER BY version DESC";
    /** Complete checkpoints after a version, oldest first. */
    static final String OLDEST_AFTER = "SELECT version, list_id, parts, files FROM ds_file_checkpoints"
            + " WHERE table_id = ? AND part = 0 AND version > ? ORDER BY version";

    static final String ALL_PARTS = "SELECT part, data FROM ds_file_checkpoints"
            + " WHERE table_id = ? AND version = ? AND list_id = ? ORDER BY part";
    static final String PART =
            "SELECT data FROM ds_file_checkpoints" + " WHERE table_id = ? AND version = ? AND list_id = ? AND part = ?";
    static final String INSERT_PART = "INSERT INTO ds_file_checkpoints"
            + " (table_id, version, list_id, part, parts, files, data) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** Part 0 only while the table exists, so a checkpoint written during a drop does not outlive it. */
    static final String INSERT_FIRST_PART = "INSERT INTO ds_file_checkpoints"
            + " (table_id, version, list_id, part, parts, files, data) SELECT ?, ?, ?, 0, ?, ?, ? FROM ds_tables WHERE table_id = ?";

    static final String RANGES = "SELECT part, first_hash, last_hash, files FROM ds_file_checkpoint_ranges"
            + " WHERE table_id = ? AND version = ? AND list_id = ? ORDER BY part";
    static final String INSERT_RANGE = "INSERT INTO ds_file_checkpoint_ranges"
            + " (table_id, version, list_id, part, first_hash, last_hash, files) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** One checkpoint's parts and ranges. */
    static final String[] DELETE_LIST = {
        "DELETE FROM ds_file_checkpoints WHERE table_id = ? AND version = ? AND list_id = ?",
        "DELETE FROM ds_file_checkpoint_ranges WHERE table_id = ? AND version = ? AND list_id = ?",
    };
    /** Older checkpoints, and leftovers of writers that stopped half-way at this version. */
    static final String[] DELETE_SUPERSEDED = {
        "DELETE FROM ds_file_checkpoints WHERE table_id = ? AND version <= ? AND list_id <> ?",
        "DELETE FROM ds_file_checkpoint_ranges WHERE table_id = ? AND version <= ? AND list_id <> ?",
    };
}
