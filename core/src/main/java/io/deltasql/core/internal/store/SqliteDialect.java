package io.deltasql.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import io.deltasql.core.CatalogConfig;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import org.sqlite.JDBC;

/**
 * SQLite, the embedded default. WAL lets readers run beside the single writer; every transaction
 * begins IMMEDIATE so writers queue on the busy timeout instead of failing to upgrade a read lock.
 */
final class SqliteDialect implements Dialect {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case BIGINT, SMALLINT -> "INTEGER";
            case NAME, KEY32, TEXT -> "TEXT";
            case BLOB -> "BLOB";
            case IDENTITY -> "INTEGER PRIMARY KEY AUTOINCREMENT";
        };
    }

    @Override
    public boolean identityDeclaresPrimaryKey() {
        return true;
    }

    @Override
    public boolean hasAddColumnIfNotExists() {
        // None here, but SQLite's migrations run in one transaction: a failed one leaves no column.
        return false;
    }

    @Override
    public String useIndex(String index) {
        // Without ANALYZE, SQLite reads "removed_version > ? AND added_version <= ?" through the
        // added_version index: every file the table ever had, 30 ms per 100k on a cold load.
        return " INDEXED BY " + index;
    }

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public Driver driver() {
        return new JDBC();
    }

    @Override
    public void configure(HikariConfig hikari, CatalogConfig config) {
        hikari.addDataSourceProperty("journal_mode", "WAL");
        hikari.addDataSourceProperty("synchronous", "NORMAL");
        hikari.addDataSourceProperty(
                "busy_timeout", String.valueOf(config.busyTimeout().toMillis()));
        hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        hikari.addDataSourceProperty("foreign_keys", "false");
    }

    @Override
    public void withMigrationLock(Connection connection, SqlWork work) throws SQLException {
        // DDL is transactional in SQLite, and transactions begin IMMEDIATE: the write lock is held throughout.
        connection.setAutoCommit(false);
        try {
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_CONSTRAINT_PRIMARYKEY")
                || m.contains("SQLITE_CONSTRAINT_UNIQUE")
                || m.contains("UNIQUE constraint failed");
    }

    @Override
    public boolean isTransient(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("database is locked");
    }
}
