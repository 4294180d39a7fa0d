package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many statements one SQL statement sends to the catalog database, counted by the PostgreSQL
 * JDBC driver itself: its protocol log names every statement it parses, and with
 * {@code prepareThreshold=0} it parses every statement it executes. On a warm table, an autocommit
 * INSERT or DELETE reads the table's head once for the statement (shared by the name lookup, the plan check,
 * the view and the staged commit) and once more under the commit's lock; a SELECT reads it once.
 */
class CatalogRoundTripsTest {
    /** The catalog's read of a table's head row by name (under the commit's lock: {@code name IN (…) FOR UPDATE}). */
    private static final String HEAD_READ = "FROM ds_tables WHERE name";

    @TempDir
    Path dir;

    @Test
    void anAutocommitInsertOrDeleteReadsTheHeadOnceAndASelectOnce() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.EMBEDDED_POSTGRES.create();
                Connection c = DriverManager.getConnection(SqlTesting.url(cat) + "&prepareThreshold=0");
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            String insert = "INSERT INTO \"t$files\"(path, size, region) VALUES ('%s', 1, 'eu')";
            String select = "SELECT path FROM \"t$files\" WHERE region = 'eu'";
            for (int i = 0; i < 3; i++) { // warm: plans cached, snapshots loaded
                s.executeUpdate(insert.formatted("warm-" + i));
                SqlTesting.rows(s, select);
            }

            List<String> inserted = statements(() -> s.executeUpdate(insert.formatted("counted")));
            List<String> insertHeads =
                    inserted.stream().filter(q -> q.contains(HEAD_READ)).toList();
            assertThat(insertHeads)
                    .as("head reads of one autocommit INSERT, of %s", inserted)
                    .hasSize(2);
            assertThat(insertHeads.get(0))
                    .as("the statement's own read of the head")
                    .doesNotContain("FOR UPDATE");
            assertThat(insertHeads.get(1))
                    .as("then the read under the commit's lock")
                    .contains("FOR UPDATE");

            List<String> deleted = statements(() -> s.executeUpdate("DELETE FROM \"t$files\" WHERE path = 'counted'"));
            assertThat(deleted.stream().filter(q -> q.contains(HEAD_READ)))
                    .as("head reads of one autocommit DELETE, of %s", deleted)
                    .hasSize(2);

            List<String> selected = statements(() -> {
                try (ResultSet rs = s.executeQuery(select)) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertThat(n).isEqualTo(3);
                }
            });
            assertThat(selected.stream().filter(q -> q.contains(HEAD_READ)))
                    .as("head reads of one SELECT, of %s", selected)
                    .hasSize(1);
        }
    }

    @Test
    void preparingAStatementReadsTheHeadOnce() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.EMBEDDED_POSTGRES.create();
                Connection c = DriverManager.getConnection(SqlTesting.url(cat) + "&prepareThreshold=0");
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('warm', 1, 'eu')");
            String insert = "INSERT INTO \"t$files\"(path, size, region) VALUES (?, ?, ?)";
            for (String what : List.of("planned", "reused-plan")) {
                List<PreparedStatement> prepared = new ArrayList<>();
                List<String> parsed = statements(() -> prepared.add(c.prepareStatement(insert)));
                assertThat(parsed.stream().filter(q -> q.contains(HEAD_READ)))
                        .as("head reads of prepareStatement, %s, of %s", what, parsed)
                        .hasSize(1);
                try (PreparedStatement ps = prepared.get(0)) {
                    ps.setString(1, what);
                    ps.setLong(2, 1);
                    ps.setString(3, "eu");
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
            assertThat(SqlTesting.rows(s, "SELECT path FROM \"t$files\" ORDER BY path"))
                    .containsExactly(List.of("planned"), List.of("reused-plan"), List.of("warm"));
        }
    }

    /**
     * A reused {@code DELETE ... WHERE path = ?} binds its parameter into the scan at each
     * execution: the catalog is asked for that file by key, and no statement lists the table's files.
     */
    @Test
    void aReusedDeleteReadsItsFileByKey() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.EMBEDDED_POSTGRES.create();
                Connection c = DriverManager.getConnection(SqlTesting.url(cat) + "&prepareThreshold=0");
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate(
                    "INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu'), ('b', 1, 'eu'), ('c', 1, 'us')");
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM \"t$files\" WHERE path = ?")) {
                for (String path : List.of("b", "c")) {
                    delete.setString(1, path);
                    List<String> parsed =
                            statements(() -> assertThat(delete.executeUpdate()).isEqualTo(1));
                    assertThat(parsed)
                            .as("statements of DELETE of %s", path)
                            .anyMatch(q -> q.contains("FROM ds_files WHERE file_key = $1 AND added_version ="))
                            .noneMatch(q -> q.contains("FROM ds_files WHERE table_id"));
                }
            }
            assertThat(SqlTesting.rows(s, "SELECT path FROM \"t$files\"")).containsExactly(List.of("a"));
        }
    }

    /**
     * On a table with deletion vectors, where a file's key digests its vector, a reused
     * {@code DELETE ... WHERE path = ?} still finds its file by key: files without a vector by
     * file key, files with one by path key, never by listing the table's files.
     */
    @Test
    void aDeleteOnATableWithDeletionVectorsReadsItsFileByPathKey() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.EMBEDDED_POSTGRES.create();
                Connection c = DriverManager.getConnection(SqlTesting.url(cat) + "&prepareThreshold=0");
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string, partition_columns, properties)"
                    + " VALUES ('dv', '" + dir.resolve("dv") + "', '" + Fixtures.SCHEMA + "', '[]',"
                    + " '{\"delta.enableDeletionVectors\":\"true\"}')");
            s.executeUpdate("INSERT INTO \"dv$files\"(path, size) VALUES ('a', 1), ('b', 1), ('c', 1)");
            // Rows deleted from b and c: each file is removed and added again with a deletion vector.
            c.setAutoCommit(false);
            s.executeUpdate("DELETE FROM \"dv$files\" WHERE path IN ('b', 'c')");
            s.executeUpdate("INSERT INTO \"dv$files\"(path, size, deletion_vector) VALUES"
                    + " ('b', 1, '{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":1,"
                    + "\"sizeInBytes\":36,\"cardinality\":2}'),"
                    + " ('c', 1, '{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":2,"
                    + "\"sizeInBytes\":36,\"cardinality\":2}')");
            c.commit();
            c.setAutoCommit(true);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM \"dv$files\" WHERE path = ?")) {
                for (String path : List.of("b", "a")) {
                    delete.setString(1, path);
                    List<String> parsed =
                            statements(() -> assertThat(delete.executeUpdate()).isEqualTo(1));
                    assertThat(parsed)
                            .as("statements of DELETE of %s", path)
                            .anyMatch(q -> q.contains("FROM ds_files WHERE file_key IN ($1)")
                                    && q.contains("FROM ds_files WHERE path_key IN ($"))
                            .noneMatch(q -> q.contains("FROM ds_files WHERE table_id"));
                }
            }
            assertThat(SqlTesting.rows(s, "SELECT path, deletion_vector IS NOT NULL FROM \"dv$files\""))
                    .containsExactly(List.of("c", true));
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /**
     * The statements the catalog's PostgreSQL driver parsed for {@code work}: on this thread, as an
     * in-process statement runs on its caller's thread (the catalog's background threads, such as
     * the one warming the table lookup connection, log through the same logger at any moment).
     */
    private static List<String> statements(Work work) throws Exception {
        Thread caller = Thread.currentThread();
        Logger protocol = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        List<String> parsed = new ArrayList<>();
        SimpleFormatter format = new SimpleFormatter();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = format.formatMessage(record);
                if (Thread.currentThread() == caller && message.contains("FE=> Parse(")) {
                    synchronized (parsed) {
                        parsed.add(message);
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        recorder.setLevel(Level.ALL);
        Level before = protocol.getLevel();
        protocol.setLevel(Level.FINEST);
        protocol.addHandler(recorder);
        try {
            work.run();
        } finally {
            protocol.removeHandler(recorder);
            protocol.setLevel(before);
        }
        synchronized (parsed) {
            return List.copyOf(parsed);
        }
    }
}
