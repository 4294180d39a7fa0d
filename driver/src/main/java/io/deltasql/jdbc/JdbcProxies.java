package io.deltasql.jdbc;

import io.deltasql.core.SqlStates;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JDBC objects users get: thin proxies over Calcite's that give the connection Delta
 * transactions (autocommit, commit, rollback on the {@link LocalSession}), give every error a
 * SQLState (the connection's {@link ErrorTranslator}), and make {@code getConnection()} and {@code getStatement()} return
 * the proxies rather than what they wrap. Result sets, read row by row, get a plain delegating
 * class instead ({@link TranslatingResultSet}).
 *
 * <p>An in-process connection is used by one thread at a time, as PostgreSQL's driver does: Calcite
 * numbers a connection's statements with a plain counter and keeps them in a plain map, so
 * statements created, run or closed at once from several threads (a server's requests on one remote
 * connection, a schema crawler's metadata threads) could get the same number and fail. Every call
 * that reaches Calcite's connection, its statements or closes a result takes the connection's
 * {@code engineLock}; reading rows and cancelling do not, so a long query stays cancellable.
 */
public final class JdbcProxies {
    private JdbcProxies() {}

    /** An in-process connection: {@code session} holds its transaction, {@code errors} knows the engine's exceptions. */
    public static Connection local(
            Connection target, LocalSession session, ErrorTranslator errors, String url, Runnable release) {
        ConnectionHandler h = new ConnectionHandler(target, session, errors, url, release);
        Connection proxy = (Connection)
                Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
        h.proxy = proxy;
        return proxy;
    }

    /**
     * A connection to a deltasql server: transactions run on the server; errors the Avatica client
     * raises as runtime exceptions (a conflict at commit, for one) become SQLExceptions with their
     * SQLState.
     */
    static Connection remote(Connection target, String url) {
        ConnectionHandler h = new ConnectionHandler(target, null, SqlErrors::translate, url, () -> {});
        Connection proxy = (Connection)
                Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
        h.proxy = proxy;
        return proxy;
    }

    /** Wraps what a JDBC method returned when it is itself a JDBC object with a parent. */
    private static Object wrapResult(Object result, Class<?> type, Object parentProxy, ConnectionHandler connection) {
        if (result == null) {
            return null;
        }
        if (type == ResultSet.class) {
            return new TranslatingResultSet(
                    (ResultSet) result,
                    parentProxy instanceof Statement s ? s : null,
                    connection.errors,
                    connection.engineLock);
        }
        if (type == ResultSetMetaData.class && connection.session != null) {
            return new SizedResultSetMetaData((ResultSetMetaData) result);
        }
        if (type == CallableStatement.class || type == PreparedStatement.class || type == Statement.class) {
            return proxy(type, result, new ChildHandler(result, parentProxy, connection));
        }
        if (type == DatabaseMetaData.class) {
            return proxy(
                    DatabaseMetaData.class,
                    result,
                    new MetaDataHandler((DatabaseMetaData) result, parentProxy, connection));
        }
        return result;
    }

    private static Object proxy(Class<?> type, Object target, ChildHandler h) {
        Object p = Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type}, h);
        h.self = p;
        return p;
    }

    private static Object call(Object target, Method method, Object[] args, ErrorTranslator errors)
            throws SQLException {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw errors.translate(e.getCause());
        } catch (IllegalAccessException e) {
            throw SqlStateExceptions.of("cannot call " + method.getName(), SqlStates.INTERNAL_ERROR, e);
        }
    }

    private static Object unwrap(Object self, Object target, Class<?> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return self;
        }
        return ((Wrapper) target).unwrap(iface);
    }

    /** The connection: transactions go to the session, everything else to Calcite. */
    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection target;
        private final LocalSession session;
        private final ErrorTranslator errors;
        private final String url;
        private final Runnable release;
        /** Held by every call into an in-process connection's engine (see the class comment); null for a server's. */
        private final ReentrantLock engineLock;

        private Connection proxy;
        private volatile boolean closed;
        /** Plain statements of a remote connection kept for its next createStatement(). */
        private final IdleStatement idleStatements = new IdleStatement();

        ConnectionHandler(
                Connection target, LocalSession session, ErrorTranslator errors, String url, Runnable release) {
            this.target = target;
            this.session = session;
            this.errors = errors;
            this.url = url;
            this.release = release;
            this.engineLock = session == null ? null : new ReentrantLock();
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close" -> {
                    if (engineLock == null) {
                        close();
                        return null;
                    }
                    engineLock.lock();
                    try {
                        close();
                    } finally {
                        engineLock.unlock();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed;
                }
                case "unwrap" -> {
                    Object own = session == null ? null : session.unwrap((Class<?>) args[0]);
                    return own != null ? own : unwrap(self, target, (Class<?>) args[0]);
                }
                case "isWrapperFor" -> {
                    return ((Class<?>) args[0]).isInstance(self)
                            || (session != null && session.unwrap((Class<?>) args[0]) != null)
                            || target.isWrapperFor((Class<?>) args[0]);
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                case "toString" -> {
                    return "deltasql connection to " + url;
                }
                default -> {}
            }
            checkOpen();
            switch (name) {
                case "getTypeMap" -> {
                    return new HashMap<String, Class<?>>(); // no user-defined types to map
                }
                case "setTypeMap" -> {
                    if (args[0] != null && !((Map<?, ?>) args[0]).isEmpty()) {
                        throw new SQLFeatureNotSupportedException(
                                "deltasql has no user-defined types to map", SqlStates.UNSUPPORTED);
                    }
                    return null;
                }
                default -> {}
            }
            if (session == null) {
                return remoteCall(method, args);
            }
            engineLock.lock();
            try {
                checkOpen();
                return localCall(method, args);
            } finally {
                engineLock.unlock();
            }
        }

        /** A call on an in-process connection: transactions go to the session, everything else to Calcite. */
        private Object localCall(Method method, Object[] args) throws SQLException {
            String name = method.getName();
            try {
                switch (name) {
                    case "setAutoCommit" -> {
                        session.setAutoCommit((Boolean) args[0]);
                        return null;
                    }
                    case "getAutoCommit" -> {
                        return session.autoCommit();
                    }
                    case "commit" -> {
                        if (session.autoCommit()) {
                            throw SqlStateExceptions.of(
                                    "commit() called with autocommit on: each statement was already committed",
                                    SqlStates.INVALID_TRANSACTION_STATE,
                                    null);
                        }
                        session.commit();
                        return null;
                    }
                    case "rollback" -> {
                        if (args != null && args.length > 0) {
                            throw new SQLFeatureNotSupportedException(
                                    "savepoints are not supported: roll back the whole" + " transaction",
                                    SqlStates.UNSUPPORTED);
                        }
                        if (session.autoCommit()) {
                            throw SqlStateExceptions.of(
                                    "rollback() called with autocommit on: there is no transaction to roll back",
                                    SqlStates.INVALID_TRANSACTION_STATE,
                                    null);
                        }
                        session.rollback();
                        return null;
                    }
                    case "setSavepoint", "releaseSavepoint" ->
                        throw new SQLFeatureNotSupportedException(
                                "savepoints are not supported: roll back the whole transaction", SqlStates.UNSUPPORTED);
                    case "getTransactionIsolation" -> {
                        return Connection.TRANSACTION_SERIALIZABLE;
                    }
                    case "setTransactionIsolation" -> {
                        // Delta commits are write-serializable whatever level is asked for.
                        return null;
                    }
                    case "isReadOnly" -> {
                        return session.readOnly();
                    }
                    case "setReadOnly" -> {
                        // A hint in JDBC; a connection opened read-only (a server's reader) stays so.
                        return null;
                    }
                    default -> {}
                }
            } catch (RuntimeException e) {
                throw errors.translate(e);
            }
            Object result = call(target, method, args, errors);
            return wrapResult(result, method.getReturnType(), proxy, this);
        }

        /** A call on a connection to a server: plain statements are reused, statements past the server's limit retried. */
        private Object remoteCall(Method method, Object[] args) throws SQLException {
            String name = method.getName();
            if (name.equals("createStatement") && (args == null || args.length == 0)) {
                Statement statement = idleStatements.take();
                if (statement == null) {
                    statement = (Statement) withStatementSlot(method, args);
                }
                return proxy(Statement.class, statement, new ReusableStatementHandler(statement, proxy, this));
            }
            Object result = name.equals("createStatement") || name.startsWith("prepare")
                    ? withStatementSlot(method, args)
                    : call(target, method, args, errors);
            return wrapResult(result, method.getReturnType(), proxy, this);
        }

        /** Creates a statement; when the server refuses one more, the statement kept for reuse makes room. */
        private Object withStatementSlot(Method method, Object[] args) throws SQLException {
            try {
                return call(target, method, args, errors);
            } catch (SQLException e) {
                if (!SqlStates.TOO_MANY_CONNECTIONS.equals(e.getSQLState()) || !idleStatements.discard()) {
                    throw e;
                }
                return call(target, method, args, errors);
            }
        }

        private void checkOpen() throws SQLException {
            if (closed) {
                throw SqlStateExceptions.of("the connection is closed", SqlStates.CONNECTION_CLOSED, null);
            }
        }

        /** Closing discards an uncommitted transaction, as JDBC leaves unspecified and most databases do. */
        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            idleStatements.forget();
            try {
                if (session != null) {
                    session.rollback();
                }
                target.close();
            } finally {
                release.run();
            }
        }
    }

    /** The methods that run one statement. */
    private static final Set<String> STATEMENT_EXECUTIONS =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    /** Calls that never wait for the engine lock: a running statement must stay cancellable from another thread. */
    private static final Set<String> UNLOCKED = Set.of("cancel", "isClosed");

    /** Statements and result sets: errors translated, parents reported as the proxies. */
    private static class ChildHandler implements InvocationHandler {
        final Object target;
        final Object parent;
        final ConnectionHandler connection;
        Object self;

        ChildHandler(Object target, Object parent, ConnectionHandler connection) {
            this.target = target;
            this.parent = parent;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getConnection" -> {
                    return connection.proxy;
                }
                case "getStatement" -> {
                    return parent instanceof Statement ? parent : null;
                }
                case "unwrap" -> {
                    return unwrap(proxy, target, (Class<?>) args[0]);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    ReentrantLock lock = UNLOCKED.contains(method.getName()) ? null : connection.engineLock;
                    if (lock == null) {
                        return callEngine(proxy, method, args);
                    }
                    lock.lock();
                    try {
                        return callEngine(proxy, method, args);
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }

        private Object callEngine(Object proxy, Method method, Object[] args) throws SQLException {
            Object result = executes(method) ? execute(method, args) : call(target, method, args, connection.errors);
            return wrapResult(result, method.getReturnType(), proxy, connection);
        }

        /** Whether the call runs one statement (a batch runs several, each its own execution). */
        private boolean executes(Method method) {
            return connection.session != null
                    && target instanceof Statement
                    && STATEMENT_EXECUTIONS.contains(method.getName());
        }

        /** One execution, reading each table at one version with one head lookup ({@link LocalSession#beginStatement()}). */
        private Object execute(Method method, Object[] args) throws SQLException {
            try (LocalSession.Scope scope = connection.session.beginStatement()) {
                return call(target, method, args, connection.errors);
            }
        }
    }

    /**
     * A plain statement of a connection to a server. Avatica's client asks the server to create a
     * statement and again to close it, so a new Statement per query — what BI tools send — costs
     * three round trips where an execution of a prepared statement costs one. Closing one whose
     * settings were never changed keeps its server statement for the connection's next
     * createStatement(); this proxy is closed for good either way.
     */
    private static final class ReusableStatementHandler extends ChildHandler {
        /** Calls that leave a statement as createStatement() made it, apart from its results. */
        private static final Set<String> KEEPS_DEFAULTS = Set.of(
                "execute",
                "executeQuery",
                "executeUpdate",
                "executeLargeUpdate",
                "getResultSet",
                "getUpdateCount",
                "getLargeUpdateCount",
                "getMoreResults",
                "getWarnings",
                "clearWarnings",
                "getConnection",
                "getFetchSize",
                "getMaxRows",
                "getLargeMaxRows",
                "getQueryTimeout",
                "getFetchDirection",
                "getMaxFieldSize",
                "getResultSetType",
                "getResultSetConcurrency",
                "getResultSetHoldability",
                "isPoolable",
                "isCloseOnCompletion",
                "equals",
                "hashCode",
                "toString");

        private boolean changed;
        private boolean closed;

        ReusableStatementHandler(Statement target, Object parent, ConnectionHandler connection) {
            super(target, parent, connection);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                close();
                return null;
            }
            if (name.equals("isClosed")) {
                return closed || ((Statement) target).isClosed();
            }
            if (closed) {
                throw SqlStateExceptions.of("the statement is closed", SqlStates.STATEMENT_CLOSED, null);
            }
            if (!KEEPS_DEFAULTS.contains(name)) {
                changed = true;
            }
            return super.invoke(proxy, method, args);
        }

        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            Statement statement = (Statement) target;
            boolean kept;
            try {
                kept = !changed && connection.idleStatements.offer(statement);
            } catch (SQLException | RuntimeException unusable) {
                kept = false; // closing it reports what is wrong
            }
            if (!kept) {
                try {
                    statement.close();
                } catch (RuntimeException e) {
                    throw connection.errors.translate(e);
                }
            }
        }
    }

    /** Database metadata: what a schema browser asks, answered for deltasql. */
    private static final class MetaDataHandler extends ChildHandler {
        MetaDataHandler(DatabaseMetaData target, Object parent, ConnectionHandler connection) {
            super(target, parent, connection);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getURL" -> {
                    return connection.url;
                }
                case "isReadOnly" -> {
                    // A reader's in-process connection (as a server opens for its readers) refuses every change.
                    return connection.session != null && connection.session.readOnly();
                }
                default -> {
                    Optional<Object> fixed = DeltaSqlDatabaseMetaData.answer(method.getName(), args)
                            .or(() -> DeltaSqlDatabaseMetaData.versionAnswer(method.getName(), DriverInfo.VERSION));
                    if (fixed.isPresent()) {
                        return fixed.get();
                    }
                    if (FunctionMetadata.answers(method.getName())) {
                        return FunctionMetadata.query(connection.proxy, method.getName(), args);
                    }
                    return super.invoke(proxy, method, args);
                }
            }
        }
    }
}
