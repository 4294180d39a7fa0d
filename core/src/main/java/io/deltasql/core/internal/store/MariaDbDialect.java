package io.deltasql.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import io.deltasql.core.CatalogConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
    public List<String> createTable(TableDef t) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(t.name()).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            TableDef.Column c = t.columns().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(c.name()).append(' ').append(columnType(c.type()));
            if (!c.nullable()) {
                sb.append(" NOT NULL");
            }
        }
        if (!t.primaryKey().isEmpty()) {
            sb.append(", PRIMARY KEY (").append(String.join(", ", t.primaryKey())).append(')');
        }
        for (TableDef.Index ix : t.indexes()) {
            sb.append(", ").append(ix.unique() ? "UNIQUE KEY " : "KEY ").append(ix.name())
                    .append(" (").append(String.join(", ", ix.columns())).append(')');
        }
        sb.append(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        List<String> ddl = new ArrayList<>();
        ddl.add(sb.toString());
        return ddl;
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case BIGINT -> "BIGINT";
            case SMALLINT -> "SMALLINT";
            case NAME -> "VARCHAR(512)";
            case KEY32 -> "CHAR(32)";
            case TEXT -> "LONGTEXT";
            case BLOB -> "LONGBLOB";
            case IDENTITY -> "BIGINT AUTO_INCREMENT";
        };
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
                    throw new SQLException("timed out waiting for another process to migrate the catalog schema", "55P03");
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
        return e.getErrorCode() == 1062 || "23000".equals(Dialect.sqlState(e)) && String.valueOf(e.getMessage()).contains("Duplicate");
    }

    @Override
    public boolean isTransient(SQLException e) {
        int code = e.getErrorCode();
        return code == 1213 || code == 1205 || "40001".equals(Dialect.sqlState(e));
    }
}
