package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.createTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One in-process connection used by several threads at once, as a server's requests on one remote
 * connection and a schema crawler's metadata threads use it: every statement is created, run and
 * closed without error and answers what it would alone.
 */
class SharedConnectionTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 150;

    @TempDir
    Path dir;

    @Test
    void statementsAndMetadataFromManyThreadsOnOneConnection() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat)) {
            try (Statement s = c.createStatement()) {
                createTable(s, "events", dir.resolve("events"), true);
            }
            DatabaseMetaData md = c.getMetaData();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    done.add(pool.submit(rounds(c, md)));
                }
                for (Future<Integer> f : done) {
                    assertThat(f.get()).isEqualTo(ROUNDS);
                }
            } finally {
                pool.shutdownNow();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM delta.\"events$files\"")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private static Callable<Integer> rounds(Connection c, DatabaseMetaData md) {
        return () -> {
            int rounds = 0;
            for (int i = 0; i < ROUNDS; i++) {
                assertThat(count(md.getColumns(null, "delta", "events$files", null)))
                        .isGreaterThan(5);
                assertThat(count(md.getIndexInfo(null, "delta", "events$files", false, true)))
                        .isZero();
                assertThat(count(md.getExportedKeys(null, "delta", "events"))).isZero();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT name FROM delta.tables")) {
                    assertThat(count(rs)).isEqualTo(1);
                }
                try (PreparedStatement p = c.prepareStatement("SELECT version FROM delta.tables WHERE name = ?")) {
                    p.setString(1, "events");
                    assertThat(count(p.executeQuery())).isEqualTo(1);
                }
                rounds++;
            }
            return rounds;
        };
    }

    private static int count(ResultSet rs) throws Exception {
        try (rs) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }
}
