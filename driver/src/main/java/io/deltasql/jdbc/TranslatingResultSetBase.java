package io.deltasql.jdbc;

import io.deltasql.codegen.GenerateTranslatingDelegate;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;

/**
 * The result sets users get: Calcite's (or the remote driver's), with every error given a SQLState
 * (the connection's {@link ErrorTranslator}) and {@code getStatement()} answering the statement the
 * user holds. A plain delegating class, unlike the dynamic proxies of the other JDBC objects: rows
 * are read by the hundred thousand, and a proxy's reflective call per {@code next()} and per getter
 * doubled the cost of reading them.
 *
 * <p>This class holds the methods that do more than delegate; {@code TranslatingResultSet}, the
 * class {@link JdbcProxies} creates, is generated from it at build time (deltasql-codegen) with every
 * other method of {@link ResultSet} calling {@link #target} and translating what it throws.
 */
@GenerateTranslatingDelegate(className = "TranslatingResultSet")
abstract class TranslatingResultSetBase implements ResultSet {
    final ResultSet target;
    private final Statement statement;
    private final ErrorTranslator errors;
    /**
     * The in-process connection's engine lock, null for a server's result: closing may close the
     * statement too (a metadata result's), which Calcite must not do while another thread creates one.
     * Its presence also says the column sizes are Calcite's, to be reported as {@link SizedResultSetMetaData} does.
     */
    private final Lock engineLock;

    /** @param statement what {@code getStatement()} returns: the user's statement, or null for metadata results */
    TranslatingResultSetBase(ResultSet target, Statement statement, ErrorTranslator errors, Lock engineLock) {
        this.target = target;
        this.statement = statement;
        this.errors = errors;
        this.engineLock = engineLock;
    }

    @Override
    public void close() throws SQLException {
        if (engineLock != null) {
            engineLock.lock();
        }
        try {
            target.close();
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        } finally {
            if (engineLock != null) {
                engineLock.unlock();
            }
        }
    }

    /** The SQLException a user gets for what {@link #target} threw. */
    final SQLException translate(Throwable e) {
        return errors.translate(e);
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        try {
            return target.unwrap(iface);
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        try {
            return iface.isInstance(this) || target.isWrapperFor(iface);
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        try {
            return engineLock != null ? new SizedResultSetMetaData(target.getMetaData()) : target.getMetaData();
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
