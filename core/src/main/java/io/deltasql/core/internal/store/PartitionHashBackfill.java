package io.deltasql.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Schema migration 2's data step: the partition hash of every file written before the column existed. */
final class PartitionHashBackfill {
    private static final int CHUNK = 10_000;

    private PartitionHashBackfill() {}

    static void run(Connection c) throws SQLException {
        while (true) {
            List<Object[]> chunk = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FileSql.UNHASHED_FILES)) {
                ps.setMaxRows(CHUNK);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunk.add(new Object[] {hash(rs.getString(3)), rs.getString(1), rs.getLong(2)});
                    }
                }
            }
            if (chunk.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(FileSql.SET_PARTITION_HASH)) {
                for (Object[] row : chunk) {
                    SqlRunner.bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static String hash(String partitionValuesJson) {
        return PartitionHashes.of(FileRows.parsePartitionValues(partitionValuesJson));
    }
}
