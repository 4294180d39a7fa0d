package io.deltasql.core.internal.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL of {@code ds_files}: one row per lifetime of a file (added at one version, removed at a
 * later one or still active), so the files at version v are the lifetimes with
 * {@code added_version <= v} not removed by v.
 */
final class FileSql {
    private FileSql() {}

    /** The index of the active files (table_id, removed_version). */
    static final String ACTIVE_INDEX = "ds_files_active";
    /** The index of a table's lifetimes by the version that added them (table_id, added_version). */
    static final String ADDED_INDEX = "ds_files_added";
    /** The index of one partition's lifetimes (table_id, partition_hash, removed_version). */
    static final String PARTITION_INDEX = "ds_files_partition";

    static final String INSERT_FILE =
            "INSERT INTO ds_files (table_id, file_key, added_version, removed_version, path, dv_id,"
                    + " size_bytes, modification_time, data_change, partition_values, add_json, stats, plain_add, partition_hash,"
                    + " path_key) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * The lifetimes among {@code n} file keys that may be active (see {@link #filesWithKeysAt} for
     * why one key is looked up apart); the caller keeps those not removed. No condition on
     * removed_version: with one, PostgreSQL's generic plan for many keys can pick the index of active
     * files (table_id, removed_version) and pass over all of it. Parameters: as {@link #keysArgs}
     * makes them, without versions.
     */
    static String lifetimesOfKeys(int n) {
        String columns = "SELECT file_key, added_version, removed_version, size_bytes FROM ds_files WHERE ";
        return n == 1
                ? columns
                        + "file_key = ? AND added_version = (SELECT MAX(added_version) FROM ds_files WHERE file_key = ?)"
                : columns + "file_key IN (" + Placeholders.of(n) + ")";
    }

    static final String CLOSE_LIFETIME =
            "UPDATE ds_files SET removed_version = ? WHERE file_key = ? AND added_version = ? AND removed_version IS NULL";

    /** What {@link FileRows} maps to an add: the columns, and the add's JSON only when the columns do not hold all of it. */
    static final String FILE_COLUMNS = "path, partition_values, size_bytes, modification_time, data_change, stats,"
            + " CASE WHEN plain_add = 1 THEN NULL ELSE add_json END";

    static final String FILES_ADDED_BETWEEN =
            "SELECT " + FILE_COLUMNS + " FROM ds_files WHERE table_id = ? AND added_version > ?"
                    + " AND added_version <= ? AND (removed_version IS NULL OR removed_version > ?)";
    /** For going back from a later file list: what was added after v (and is dropped) ... */
    static final String KEYS_ADDED_BETWEEN =
            "SELECT path, dv_id FROM ds_files WHERE table_id = ? AND added_version > ?" + " AND added_version <= ?";
    /** ... and what was active at v but removed since (and comes back). */
    static final String FILES_REMOVED_BETWEEN =
            "SELECT " + FILE_COLUMNS + " FROM ds_files WHERE table_id = ? AND removed_version > ?"
                    + " AND removed_version <= ? AND added_version <= ?";

    static final String KEYS_REMOVED_BETWEEN =
            "SELECT path, dv_id FROM ds_files WHERE table_id = ? AND removed_version > ?"
                    + " AND removed_version <= ? AND added_version <= ?";

    static final String WINNER_REMOVED_KEYS =
            "SELECT path, dv_id, removed_version, partition_values FROM ds_files WHERE table_id = ?"
                    + " AND removed_version > ? AND removed_version <= ? AND added_version <= ?";
    static final String WINNER_ADDED_FILES = "SELECT path, partition_values, added_version, data_change FROM ds_files"
            + " WHERE table_id = ? AND added_version > ? AND added_version <= ?";

    /**
     * The files at a version: those still active plus those removed after it, each branch of the
     * union narrowed by {@code where} and read through {@code index} (whose leading columns are
     * table_id and, last, removed_version), so each branch is one index range. Parameters: table,
     * version, then those of {@code where}; then table, version, version, then those of {@code where} again.
     */
    static String filesAt(Dialect dialect, String index, String where) {
        String from = " FROM ds_files" + dialect.useIndex(index) + " WHERE table_id = ?";
        return "SELECT " + FILE_COLUMNS + from + " AND removed_version IS NULL AND added_version <= ?" + where
                + " UNION ALL SELECT " + FILE_COLUMNS + from + " AND removed_version > ? AND added_version <= ?"
                + where;
    }

    /** {@link #filesAt} narrowed to file keys from a bound on ... */
    static final String KEY_AT_LEAST = " AND file_key >= ?";
    /** ... and to a bound. */
    static final String KEY_BELOW = " AND file_key < ?";

    /**
     * The files at a version among {@code n} file keys, found through the primary key (file_key,
     * added_version): whatever the table's size, no other file is read. The key digests the table
     * id, so no table_id condition: one would let SQLite prefer the (table_id, ...) indexes. A key's
     * lifetimes never overlap, so only its latest lifetime added by the version can be active: one
     * key (a statement naming one file) is looked up that way, without passing its earlier lifetimes
     * (a path removed and added again thousands of times). Several keys go in one list, since a
     * union of per-key lookups costs PostgreSQL more to plan than such lifetimes cost to skip.
     * Parameters: as {@link #keysArgs} makes them.
     */
    static String filesWithKeysAt(int n) {
        String columns = "SELECT " + FILE_COLUMNS + " FROM ds_files WHERE ";
        String active = " AND (removed_version IS NULL OR removed_version > ?)";
        return n == 1
                ? columns + "file_key = ? AND added_version ="
                        + " (SELECT MAX(added_version) FROM ds_files WHERE file_key = ? AND added_version <= ?)"
                        + active
                : columns + "file_key IN (" + Placeholders.of(n) + ") AND added_version <= ?" + active;
    }

    /**
     * {@link #filesWithKeysAt} for a table with deletion vectors, where a file's key digests its
     * vector too: {@code n} keys of paths without a vector find the files without one by file_key
     * and those with one by path_key (set only on rows with a vector, see {@link FileKeys#pathKey}). Each
     * arm is a range of an index (the primary key; ds_files_path), so no other file of the table is
     * read. Every lifetime of a path up to the version is passed: its vector may change at any
     * commit. Parameters: as {@link #pathKeysArgs} makes them.
     */
    static String filesWithPathKeysAt(int n) {
        String at = ") AND added_version <= ? AND (removed_version IS NULL OR removed_version > ?)";
        return "SELECT " + FILE_COLUMNS + " FROM ds_files WHERE file_key IN (" + Placeholders.of(n) + at
                + " UNION ALL SELECT " + FILE_COLUMNS + " FROM ds_files WHERE path_key IN (" + Placeholders.of(n) + at;
    }

    /**
     * The parameters of {@link #filesWithKeysAt} (with the version) and {@link #lifetimesOfKeys}
     * (without, {@code version} negative): one key is named twice, before and in the subquery.
     */
    static List<Object> keysArgs(List<String> keys, long version) {
        List<Object> args = new ArrayList<>(keys);
        if (keys.size() == 1) {
            args.add(keys.get(0));
        }
        if (version >= 0) {
            args.add(version);
            args.add(version);
        }
        return args;
    }

    /** The parameters of {@link #filesWithPathKeysAt}: each arm's keys, then its version twice. */
    static List<Object> pathKeysArgs(List<String> keys, long version) {
        List<Object> args = new ArrayList<>();
        for (int arm = 0; arm < 2; arm++) {
            args.addAll(keys);
            args.add(version);
            args.add(version);
        }
        return args;
    }

    /** {@link #filesAt} narrowed to the partitions of {@code n} partition hashes (see {@link PartitionHashes}). */
    static String partitionHashIn(int n) {
        return " AND partition_hash IN (" + Placeholders.of(n) + ")";
    }

    /** {@link #filesAt} narrowed to partition values that match one of {@code n} patterns of {@link PartitionValuePatterns}. */
    static String partitionValuesLikeAny(int n) {
        return " AND (" + String.join(" OR ", Collections.nCopies(n, "partition_values LIKE ? ESCAPE '!'")) + ")";
    }

    /**
     * The keys some partitions lost in the versions (from, to], of files active at from:
     * parameters are table, from, to, from, then {@code hashes} partition hashes.
     */
    static String keysRemovedInPartitions(Dialect dialect, int hashes) {
        return "SELECT path, dv_id FROM ds_files" + dialect.useIndex(PARTITION_INDEX)
                + " WHERE table_id = ? AND removed_version > ? AND removed_version <= ? AND added_version <= ?"
                + partitionHashIn(hashes);
    }

    /**
     * The files some partitions gained in the versions (from, to] and still had at to: parameters
     * are table, from, to, to, then {@code hashes} partition hashes. Through the added_version
     * index: the commits since a recent checkpoint added few rows, where the partition index would
     * visit every file the partitions ever had.
     */
    static String filesAddedInPartitions(Dialect dialect, int hashes) {
        return "SELECT " + FILE_COLUMNS + " FROM ds_files" + dialect.useIndex(ADDED_INDEX)
                + " WHERE table_id = ? AND added_version > ? AND added_version <= ?"
                + " AND (removed_version IS NULL OR removed_version > ?)" + partitionHashIn(hashes);
    }

    /** Files written before schema migration 2, whose partition hash is to be filled in. */
    static final String UNHASHED_FILES =
            "SELECT file_key, added_version, partition_values FROM ds_files WHERE partition_hash IS NULL";

    static final String SET_PARTITION_HASH =
            "UPDATE ds_files SET partition_hash = ? WHERE file_key = ? AND added_version = ?";

    /** Files with a deletion vector written before schema migration 5, whose path key is to be filled in. */
    static final String UNKEYED_DV_FILES = "SELECT file_key, added_version, table_id, path, dv_id FROM ds_files"
            + " WHERE path_key IS NULL AND dv_id IS NOT NULL";

    static final String SET_PATH_KEY = "UPDATE ds_files SET path_key = ? WHERE file_key = ? AND added_version = ?";
}
