package io.deltasql.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.postgresql.PGStatement;

/** PostgreSQL, the production catalog. READ COMMITTED plus row locks on the head rows. */
final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case KEY32 -> "VARCHAR(32)"; // not CHAR: a varchar parameter against bpchar defeats the index
            case TEXT -> "TEXT";
            case BLOB -> "BYTEA";
            default -> type.standardSql();
        };
    }

    @Override
    public Optional<String> columnStorage(String table, TableDef.Column column) {
        // Stored uncompressed: the values are read whole, and decompressing them would cost more than reading them.
        return column.type() == ColumnType.BLOB
                ? Optional.of("ALTER TABLE " + table + " ALTER COLUMN " + column.name() + " SET STORAGE EXTERNAL")
                : Optional.empty();
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public java.sql.Driver driver() {
        return new org.postgresql.Driver();
    }

    @Override
    public void configure(HikariConfig hikari, CatalogConfig config) {
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "deltasql");
        // Every catalog query is an index lookup or range. Without statistics (autovacuum off, or
        // right after a bulk import) PostgreSQL costs a list of keys as thousands of rows each,
        // picks a sequential scan of ds_files and JIT-compiles it: 250 ms for what the primary key
        // answers in 0.3 ms. Session settings at connect (a startup parameter, no round trip).
        hikari.addDataSourceProperty("options", "-c enable_seqscan=off -c jit=off");
    }

    @Override
    public void relaxDurability(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL synchronous_commit TO OFF");
        }
    }

    @Override
    public void preferBinaryResults(PreparedStatement statement) throws SQLException {
        // pgjdbc sends results in binary only for server-prepared statements, which it makes on the
        // fifth execution; a negative threshold makes this statement one at once.
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
    }

    @Override
    public void planEachExecution(PreparedStatement statement) throws SQLException {
        // A server-prepared statement gets a generic plan after a few executions, kept until the
        // table's statistics change. Made while the table was small and never analyzed (autovacuum
        // off), every index on table_id costs the same, and marking versions mirrored walked all of
        // a table's commits: 10 ms per version at 50,000 commits. Unnamed statements are planned
        // with their values each time.
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    @Override
    public void prepareForStreaming(Connection connection) throws SQLException {
        // The PostgreSQL driver only uses a cursor (honours the fetch size) inside a transaction.
        connection.setAutoCommit(false);
    }

    /** Key of the session-level advisory lock that serialises schema migrations. */
    private static final long MIGRATION_LOCK = 0x64656C746173716CL;

    @Override
    public void withMigrationLock(Connection connection, SqlWork work) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                work.run(connection);
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        }
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return SqlStates.Database.UNIQUE_VIOLATION.equals(Dialect.sqlState(e));
    }

    @Override
    public boolean isTransient(SQLException e) {
        String s = Dialect.sqlState(e);
        return SqlStates.Database.SERIALIZATION_FAILURE.equals(s)
                || SqlStates.Database.DEADLOCK_DETECTED.equals(s)
                || SqlStates.Database.LOCK_NOT_AVAILABLE.equals(s);
    }
}
