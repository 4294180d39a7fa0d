package io.deltasql.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallel load never depends on the pool lending a second connection: with every connection
 * in use, the caller loads all ranges on its own, and the parts are the whole table once each.
 */
class ParallelFileLoadPoolTest {
    @TempDir
    Path dir;

    private static List<AddFile> range(Connection c, String from, String to) throws SQLException {
        String sql = "SELECT path FROM ds_files WHERE 1 = 1" + (from != null ? " AND file_key >= ?" : "")
                + (to != null ? " AND file_key < ?" : "");
        List<AddFile> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (from != null) {
                ps.setString(i++, from);
            }
            if (to != null) {
                ps.setString(i, to);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new AddFile(rs.getString(1), Map.of(), 1, 1, true, null));
                }
            }
        }
        return files;
    }

    @Test
    void theCallerLoadsEveryRangeWhenThePoolHasNothingToLend() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("catalog.db");
        try (DeltaCatalog catalog = DeltaCatalog.open(CatalogConfig.builder(url).build())) {
            catalog.createTable(Fixtures.table("t"));
            CommitRequest.Builder bulk = CommitRequest.builder("t", 0);
            for (int i = 0; i < 500; i++) {
                bulk.add(Fixtures.add("f" + i + ".parquet"));
            }
            catalog.commit(bulk.build());
        }
        try (CatalogDatabase db = CatalogDatabase.open(
                        CatalogConfig.builder(url).poolSize(1).build());
                Connection own = db.connection()) {
            // The pool's only connection is the caller's: each helper waits for the pool, takes nothing.
            List<AddFile> files = ParallelFileLoad.load(db, own, 4, ParallelFileLoadPoolTest::range);
            assertThat(files).hasSize(500);
            assertThat(files.stream().map(AddFile::path).distinct()).hasSize(500);
        }
    }
}
