package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.DaemonThreads;
import io.deltasql.core.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks tables up by name (their head row) on a catalog connection of its own, outside the pool,
 * with the statement prepared once, so a warm snapshot costs one round trip to the catalog. The
 * pool adds a second one to a connection idle for over half a second (HikariCP validates it
 * before lending it), plus the borrow and return; every call still reads the head row itself.
 *
 * <p>One caller at a time uses the connection. Concurrent callers, calls while the connection is
 * being opened (in the background, so no call waits for it) and a call whose query failed are
 * answered by the pool, which validates its connections: {@link #find} then returns null. The
 * connection is replaced after the pool's maximum lifetime, like pooled ones. When it cannot be
 * opened at all (e.g. an in-memory SQLite catalog, one database per connection), the pool answers
 * until the next attempt half a minute later.
 */
final class TableLookup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableLookup.class);
    private static final long RETRY_OPEN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final CatalogDatabase db;
    private final long maxLifetimeNanos;
    private final int networkTimeoutMillis;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private Connection connection;
    private PreparedStatement statement;
    private long openedAt;
    private boolean opening;
    private long nextOpenAt;
    private boolean closed;

    TableLookup(CatalogDatabase db) {
        this.db = db;
        this.maxLifetimeNanos = db.config().maxLifetime().toNanos();
        // As long as the pool lets a caller wait for a connection.
        this.networkTimeoutMillis = (int)
                Math.min(Integer.MAX_VALUE, db.config().connectionTimeout().toMillis());
    }

    /** The table's head row; null when this lookup cannot answer now and the caller must ask the pool. */
    Optional<TableInfo> find(String name) {
        if (!lock.tryLock()) {
            return null;
        }
        try {
            if (!usable()) {
                return null;
            }
            try {
                bind(statement, name);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(TableRegistry.tableInfo(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                if (!CatalogDatabase.isDataException(e)) {
                    LOG.debug("table lookup connection failed, the pool answers: {}", e.toString());
                    discard(); // a bad value is the caller's; anything else may be the connection
                }
                return null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connection is ready; if not, or too old, starts opening a new one. Holds the lock. */
    private boolean usable() {
        if (closed) {
            return false;
        }
        long now = System.nanoTime();
        if (connection != null && now - openedAt > maxLifetimeNanos) {
            discard();
        }
        if (connection != null) {
            return true;
        }
        if (!opening && now - nextOpenAt >= 0) {
            opening = true;
            DaemonThreads.named("deltasql-table-lookup").newThread(this::open).start();
        }
        return false;
    }

    /** Executions after which the PostgreSQL driver keeps a statement prepared on the server (its prepareThreshold). */
    private static final int WARM_UP_EXECUTIONS = 5;

    /** Opens and warms a connection (its first queries prepare the statement on it), then hands it over. */
    private void open() {
        Connection c = null;
        PreparedStatement ps = null;
        try {
            c = db.openUnpooled();
            try {
                // A lookup on a connection the network lost fails (and the pool answers) instead of hanging.
                c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            } catch (SQLFeatureNotSupportedException local) {
                // SQLite: no network.
            }
            ps = c.prepareStatement(TableSql.FIND_TABLE);
            for (int i = 0; i < WARM_UP_EXECUTIONS; i++) {
                bind(ps, "");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not open a table lookup connection, the pool answers: {}", e.toString());
            closeQuietly(c);
            c = null;
        }
        lock.lock();
        try {
            opening = false;
            if (c == null) {
                nextOpenAt = System.nanoTime() + RETRY_OPEN_NANOS;
            } else if (closed) {
                closeQuietly(c);
            } else {
                connection = c;
                statement = ps;
                openedAt = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    private void discard() {
        closeQuietly(connection);
        connection = null;
        statement = null;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing a broken connection: nothing left to release.
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            discard();
        } finally {
            lock.unlock();
        }
    }
}
