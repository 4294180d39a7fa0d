package io.deltasql.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.JdbcUrls;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The seam between the catalog store and one database product: column types and DDL details
 * (rendered by {@link CatalogDdl}), index hints, locking, error classification and connection
 * settings. Everything else is portable SQL.
 */
public interface Dialect {
    /** Short product name for messages: sqlite, postgresql, mariadb. */
    String name();

    /** The column type's name in this database's DDL: the standard name unless the dialect says otherwise. */
    default String columnType(ColumnType type) {
        return type.standardSql();
    }

    /**
     * Whether the {@link ColumnType#IDENTITY} type's DDL is itself the table's primary key (SQLite's
     * INTEGER PRIMARY KEY AUTOINCREMENT): then it takes no NOT NULL and the table no PRIMARY KEY clause.
     */
    default boolean identityDeclaresPrimaryKey() {
        return false;
    }

    /**
     * The index as a clause of CREATE TABLE, for a database that declares indexes there; empty
     * where a CREATE INDEX statement after the table creates it.
     */
    default Optional<String> inlineIndex(TableDef.Index index) {
        return Optional.empty();
    }

    /** What follows the column list of CREATE TABLE (engine, character set), or "". */
    default String tableOptions() {
        return "";
    }

    /** DDL run after CREATE TABLE that sets how the column's values are stored, where the default does not suit. */
    default Optional<String> columnStorage(String table, TableDef.Column column) {
        return Optional.empty();
    }

    /** Whether ALTER TABLE ... ADD COLUMN takes IF NOT EXISTS. */
    default boolean hasAddColumnIfNotExists() {
        return true;
    }

    /**
     * A hint after a table name that makes the query read through {@code index}, for a database
     * that plans without statistics and would otherwise pick a worse index ("" elsewhere).
     */
    default String useIndex(String index) {
        return "";
    }

    /** Suffix that row-locks what a SELECT reads until the transaction ends ("" where the database locks otherwise). */
    String forUpdate();

    /**
     * A new instance of the JDBC driver deltasql ships for this database, called directly rather
     * than found through {@link java.sql.DriverManager} (see {@link BundledDriverDataSource}).
     */
    Driver driver();

    /** Connection-pool settings the database needs (journal mode, isolation, driver options). */
    void configure(HikariConfig hikari, CatalogConfig config);

    /**
     * Lets the open transaction commit without waiting for its log to reach the disk, where the
     * database allows it per transaction. Only for records that may be lost in a crash because they
     * are rebuilt (the mirror's "mirrored" marks); never for a commit.
     */
    default void relaxDurability(Connection connection) throws SQLException {}

    /**
     * Asks for binary values in the results of {@code statement}, for large binary columns that a
     * text protocol would send hex-encoded at twice their size.
     */
    default void preferBinaryResults(PreparedStatement statement) throws SQLException {}

    /**
     * Has {@code statement} planned for its parameters at every execution rather than once for the
     * connection's life: for statements run rarely whose best index depends on how large the table
     * has grown since the connection first ran them.
     */
    default void planEachExecution(PreparedStatement statement) throws SQLException {}

    /** Prepares a connection to stream a large result with bounded memory. */
    default void prepareForStreaming(Connection connection) throws SQLException {}

    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} under a catalog-wide lock, so processes connecting at the same moment
     * apply schema migrations one after another.
     */
    void withMigrationLock(Connection connection, SqlWork work) throws SQLException;

    /** A unique or primary key was violated. */
    boolean isUniqueViolation(SQLException e);

    /** A transient failure (lock contention, deadlock, serialization) after which the whole transaction may be retried. */
    boolean isTransient(SQLException e);

    /** The dialect for a (normalised) catalog JDBC URL. */
    static Dialect forUrl(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect();
        }
        throw new IllegalArgumentException("no catalog dialect for URL " + JdbcUrls.redact(jdbcUrl));
    }

    /** Walks the cause chain for an SQLException's SQLState. */
    static String sqlState(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "";
    }
}
