package io.deltasql.core.internal.store;

/**
 * The SQL of the mirror's bookkeeping: which versions reached the {@code _delta_log}
 * ({@code ds_commits.mirror_state}, {@code ds_tables.mirrored_version}), the last failure of a
 * version and a table's block.
 */
final class MirrorSql {
    private MirrorSql() {}

    static final String MIRROR_OF_TABLE = "SELECT mirrored_version, mirror_blocked FROM ds_tables WHERE table_id = ?";
    static final String PENDING_MIRRORS = "SELECT t.name, c.version, c.mirror_error FROM ds_commits c JOIN ds_tables t"
            + " ON t.table_id = c.table_id WHERE c.mirror_state = 0 ORDER BY t.name, c.version";
    static final String PENDING_MIRRORS_OF_TABLE =
            "SELECT version, mirror_error FROM ds_commits WHERE mirror_state = 0 AND table_id = ? ORDER BY version";
    /** Marks a run of consecutive versions (first, last) mirrored. */
    static final String MARK_MIRRORED = "UPDATE ds_commits SET mirror_state = 1, mirror_error = NULL"
            + " WHERE table_id = ? AND version >= ? AND version <= ?";

    static final String MARK_MIRROR_FAILED =
            "UPDATE ds_commits SET mirror_error = ? WHERE table_id = ? AND version = ? AND mirror_state = 0";
    static final String ADVANCE_MIRRORED =
            "UPDATE ds_tables SET mirrored_version = ? WHERE table_id = ? AND mirrored_version < ?";
    static final String BLOCK_TABLE = "UPDATE ds_tables SET mirror_blocked = ? WHERE table_id = ?";
}
