package io.deltasql.core.internal.store;

import io.deltasql.core.FileKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema migration's data step: fills a column it added to {@code ds_files} on the rows written
 * before the column existed. Rows still to fill are read a chunk at a time and updated by primary
 * key, so memory stays bounded and a run stopped midway (PostgreSQL and MariaDB commit each chunk)
 * resumes where it stopped; the migration lock keeps other processes opening the catalog waiting.
 */
final class FileColumnBackfill {
    private static final int CHUNK = 10_000;

    /** Migration 2: the partition hash of every file. */
    static final FileColumnBackfill PARTITION_HASH = new FileColumnBackfill(
            FileSql.UNHASHED_FILES,
            FileSql.SET_PARTITION_HASH,
            row -> PartitionHashes.of(FileRows.parsePartitionValues(row.getString(3))));

    /** Migration 5: the key of its path alone for every file with a deletion vector. */
    static final FileColumnBackfill PATH_KEY = new FileColumnBackfill(
            FileSql.UNKEYED_DV_FILES,
            FileSql.SET_PATH_KEY,
            row -> FileKeys.pathKey(row.getLong(3), new FileKey(row.getString(4), row.getString(5))));

    /** The value to store, from a row of the select (file_key and added_version, then what the value is made of). */
    private interface Value {
        Object of(ResultSet row) throws SQLException;
    }

    private final String unfilled;
    private final String fill;
    private final Value value;

    /**
     * {@code unfilled} selects the rows still to fill (file_key, added_version first) and must stop
     * selecting a row once {@code fill} (parameters: value, file_key, added_version) has run on it.
     */
    private FileColumnBackfill(String unfilled, String fill, Value value) {
        this.unfilled = unfilled;
        this.fill = fill;
        this.value = value;
    }

    void run(Connection c) throws SQLException {
        while (true) {
            List<Object[]> chunk = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(unfilled)) {
                ps.setMaxRows(CHUNK);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunk.add(new Object[] {value.of(rs), rs.getString(1), rs.getLong(2)});
                    }
                }
            }
            if (chunk.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(fill)) {
                for (Object[] row : chunk) {
                    SqlRunner.bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
