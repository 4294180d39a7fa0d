package io.deltasql.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The least a commit costs on the catalog database: one JDBC transaction that locks a head row,
 * inserts a row, advances the head and commits, on tables of its own in the catalog database,
 * with the connection settings the catalog uses (SQLite: WAL, {@code synchronous=NORMAL}, and
 * {@code BEGIN IMMEDIATE}, which is its lock; elsewhere {@code SELECT … FOR UPDATE}). The SQLite
 * transaction is begun by hand: its driver begins the next one as soon as one commits when
 * autocommit is off, which would hold the catalog's write lock between commits.
 */
final class CommitFloor implements AutoCloseable {
    private static final String HEAD = "bench_floor_head";
    private static final String ROWS = "bench_floor_rows";

    private final Connection connection;
    private final boolean sqlite;
    private final Statement control;
    private final PreparedStatement lockHead;
    private final PreparedStatement insertRow;
    private final PreparedStatement advanceHead;

    private CommitFloor(Connection connection, boolean sqlite) throws SQLException {
        this.connection = connection;
        this.sqlite = sqlite;
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + ROWS);
            s.execute("DROP TABLE IF EXISTS " + HEAD);
            s.execute("CREATE TABLE " + HEAD + " (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)");
            s.execute("CREATE TABLE " + ROWS + " (id INTEGER NOT NULL, version BIGINT NOT NULL, payload VARCHAR(200),"
                    + " PRIMARY KEY (id, version))");
            s.execute("INSERT INTO " + HEAD + " VALUES (1, 0)");
        }
        connection.setAutoCommit(sqlite);
        control = connection.createStatement();
        lockHead = connection.prepareStatement(
                "SELECT version FROM " + HEAD + " WHERE id = 1" + (sqlite ? "" : " FOR UPDATE"));
        insertRow = connection.prepareStatement("INSERT INTO " + ROWS + " VALUES (1, ?, ?)");
        advanceHead = connection.prepareStatement("UPDATE " + HEAD + " SET version = ? WHERE id = 1 AND version = ?");
    }

    static CommitFloor open(String catalogUrl) throws SQLException {
        boolean sqlite = catalogUrl.startsWith("jdbc:sqlite:");
        Properties p = new Properties();
        if (sqlite) {
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "NORMAL");
            p.setProperty("busy_timeout", "5000");
        }
        return new CommitFloor(DriverManager.getConnection(catalogUrl, p), sqlite);
    }

    /** One commit; the new head version. */
    long commit() throws SQLException {
        if (sqlite) {
            control.execute("BEGIN IMMEDIATE");
        }
        long version;
        try (ResultSet rs = lockHead.executeQuery()) {
            rs.next();
            version = rs.getLong(1);
        }
        insertRow.setLong(1, version + 1);
        insertRow.setString(2, "part=p00/floor-" + (version + 1) + ".parquet");
        insertRow.executeUpdate();
        advanceHead.setLong(1, version + 1);
        advanceHead.setLong(2, version);
        if (advanceHead.executeUpdate() != 1) {
            throw new IllegalStateException("the floor's head moved under its lock");
        }
        if (sqlite) {
            control.execute("COMMIT");
        } else {
            connection.commit();
        }
        return version + 1;
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            if (!sqlite) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE " + ROWS);
                s.execute("DROP TABLE " + HEAD);
            }
        }
    }
}
