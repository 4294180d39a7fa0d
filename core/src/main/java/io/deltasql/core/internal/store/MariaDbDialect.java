package io.deltasql.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.SqlStates;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * MariaDB and MySQL. Indexes are declared inside CREATE TABLE because MySQL has no
 * CREATE INDEX IF NOT EXISTS; binary collation keeps names case-sensitive and exact.
 */
final class MariaDbDialect implements Dialect {
    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case TEXT -> "LONGTEXT";
            case BLOB -> "LONGBLOB";
            case IDENTITY -> "BIGINT AUTO_INCREMENT";
            default -> type.standardSql();
        };
    }

    @Override
    public Optional<String> inlineIndex(TableDef.Index index) {
        return Optional.of((index.unique() ? "UNIQUE KEY " : "KEY ") + index.name() + " ("
                + String.join(", ", index.columns()) + ")");
    }

    @Override
    public String tableOptions() {
        return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public java.sql.Driver driver() {
        return new org.mariadb.jdbc.Driver();
    }

    @Override
    public void configure(HikariConfig hikari, CatalogConfig config) {
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.addDataSourceProperty("rewriteBatchedStatements", "true");
    }

    @Override
    public void withMigrationLock(Connection connection, SqlWork work) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT GET_LOCK('deltasql_schema', 60)")) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new SQLException(
                            "timed out waiting for another process to migrate the catalog schema",
                            SqlStates.Database.LOCK_NOT_AVAILABLE);
                }
            }
            try {
                work.run(connection);
            } finally {
                s.execute("SELECT RELEASE_LOCK('deltasql_schema')");
            }
        }
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == SqlStates.Database.MYSQL_DUPLICATE_KEY
                || SqlStates.Database.INTEGRITY_CONSTRAINT_VIOLATION.equals(Dialect.sqlState(e))
                        && String.valueOf(e.getMessage()).contains("Duplicate");
    }

    @Override
    public boolean isTransient(SQLException e) {
        int code = e.getErrorCode();
        return code == SqlStates.Database.MYSQL_DEADLOCK
                || code == SqlStates.Database.MYSQL_LOCK_WAIT_TIMEOUT
                || SqlStates.Database.SERIALIZATION_FAILURE.equals(Dialect.sqlState(e));
    }
}
