package io.deltasql.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.CatalogException;
import io.deltasql.core.CatalogUnavailableException;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.JdbcUrls;
import io.deltasql.core.PoolStats;
import io.deltasql.core.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The catalog database: a HikariCP pool on its JDBC URL, its dialect, and the schema brought up to
 * date on open. Connection failures become {@link CatalogUnavailableException} naming the URL
 * without its password; a value the database refuses (SQLState class 22) is invalid input.
 */
public final class CatalogDatabase implements AutoCloseable {
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final CatalogConfig config;
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    /** Unpooled connections from the bundled driver, with the pool's driver properties and credentials. */
    private final BundledDriverDataSource connections;

    private final String isolation;

    private CatalogDatabase(
            CatalogConfig config,
            Dialect dialect,
            HikariDataSource dataSource,
            BundledDriverDataSource connections,
            String isolation) {
        this.config = config;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.connections = connections;
        this.isolation = isolation;
    }

    /** Opens the pool and migrates the catalog schema. */
    public static CatalogDatabase open(CatalogConfig config) {
        Dialect dialect = Dialect.forUrl(config.jdbcUrl());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("deltasql-" + POOL_NUMBER.incrementAndGet());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(config.validationTimeout().toMillis());
        hikari.setIdleTimeout(config.idleTimeout().toMillis());
        hikari.setMaxLifetime(config.maxLifetime().toMillis());
        hikari.setAutoCommit(true);
        // One connection attempt at start: an unreachable catalog fails at once, with the database's reason.
        hikari.setInitializationFailTimeout(1);
        dialect.configure(hikari, config);
        BundledDriverDataSource connections =
                new BundledDriverDataSource(dialect.driver(), config.jdbcUrl(), driverProperties(hikari, config));
        hikari.setDataSource(connections);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            SQLException cause = e.getCause() instanceof SQLException s
                    ? s
                    : new SQLException(e.getMessage(), SqlStates.UNAVAILABLE, e);
            throw unavailable(config, dialect, "cannot connect to the catalog database", cause);
        }
        CatalogDatabase db = new CatalogDatabase(config, dialect, ds, connections, hikari.getTransactionIsolation());
        try {
            db.migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return db;
    }

    /** What the driver is given on every connect: the dialect's driver options and the catalog's credentials. */
    private static Properties driverProperties(HikariConfig hikari, CatalogConfig config) {
        Properties p = new Properties();
        p.putAll(hikari.getDataSourceProperties());
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        return p;
    }

    private void migrate() {
        try {
            new SchemaMigrator(dataSource, dialect, config.redactedUrl()).migrate();
        } catch (SQLException e) {
            throw failure("could not prepare the catalog schema", e);
        }
    }

    /** A pooled connection (autocommit on); close it to return it. */
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure("cannot connect to the catalog database", e);
        }
    }

    /**
     * A connection outside the pool, set up as the pool sets up its own (driver properties,
     * credentials, isolation, autocommit on); the caller closes it.
     */
    Connection openUnpooled() throws SQLException {
        Connection c = connections.getConnection();
        try {
            if ("TRANSACTION_READ_COMMITTED".equals(isolation)) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            c.setAutoCommit(true);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The error for a failed catalog call: {@link #refusedValue} when the database refused a value
     * (SQLState class 22, e.g. PostgreSQL's NUL in text), which is bad input and not an outage;
     * otherwise {@link CatalogUnavailableException} naming this catalog (password removed) and the
     * database's own reason.
     */
    public DeltaSqlException failure(String what, SQLException e) {
        if (isDataException(e)) {
            return refusedValue(what, e);
        }
        return unavailable(config, dialect, what, e);
    }

    /**
     * The error for a catalog transaction that failed for good (not retried): nothing of it was
     * committed. A lost connection (class 08, or PostgreSQL's 57P01-57P05: the server ended the
     * session, e.g. {@code pg_terminate_backend}) is the catalog being unavailable, as for a read;
     * a refused value (class 22) is invalid input; any other failure keeps the database's SQLState.
     */
    public DeltaSqlException transactionFailure(String what, SQLException e) {
        String state = Dialect.sqlState(e);
        if (state.startsWith("08") || state.startsWith("57P")) {
            return unavailable(config, dialect, what + "; nothing was committed: catalog", e);
        }
        if (isDataException(e)) {
            return refusedValue(what + "; nothing was committed", e);
        }
        return new CatalogException(
                what + " in catalog " + config.redactedUrl() + ": " + e.getMessage() + "; nothing was committed",
                state.isEmpty() ? SqlStates.INTERNAL_ERROR : state,
                false,
                e);
    }

    /** SQLState class 22 (data exception): the statement was fine, a value in it was not. */
    public static boolean isDataException(SQLException e) {
        return Dialect.sqlState(e).startsWith("22");
    }

    /** Invalid input carrying the database's class-22 SQLState and reason; nothing was changed. */
    public InvalidRequestException refusedValue(String what, SQLException e) {
        String reason = JdbcUrls.redact(String.valueOf(e.getMessage()));
        if (config.password() != null && !config.password().isEmpty()) {
            reason = reason.replace(config.password(), "***");
        }
        return DeltaSqlErrors.refused(what + ": invalid value: " + reason.replace('\0', '?'), Dialect.sqlState(e));
    }

    private static CatalogUnavailableException unavailable(
            CatalogConfig config, Dialect dialect, String what, SQLException e) {
        String reason = JdbcUrls.redact(rootMessage(e));
        if (config.password() != null && !config.password().isEmpty()) {
            reason = reason.replace(config.password(), "***");
        }
        return new CatalogUnavailableException(
                what + " " + config.redactedUrl() + " (" + dialect.name() + "): " + reason, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " / " + t.getMessage();
    }

    public Dialect dialect() {
        return dialect;
    }

    public CatalogConfig config() {
        return config;
    }

    /** Active, idle and waiting connections of the pool. */
    public PoolStats poolStats() {
        HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
        if (mx == null) {
            return new PoolStats(0, 0, 0, 0, config.poolSize());
        }
        return new PoolStats(
                mx.getActiveConnections(),
                mx.getIdleConnections(),
                mx.getThreadsAwaitingConnection(),
                mx.getTotalConnections(),
                config.poolSize());
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
