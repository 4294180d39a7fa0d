package io.deltasql.server;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.deltasql.core.SqlStates;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands between remote clients and {@link DeltaSqlMeta}: every error reaches the client with
 * its SQLState ({@code 40001}, {@code 42501}, {@code 22023}, …) instead of Avatica's {@code 00000};
 * a connection can only be used by the user who opened it, a statement only through the connection
 * that created it (see {@link StatementIds}); a user may hold at most
 * {@code maxConnectionsPerUser} connections, and a connection at most
 * {@code maxStatementsPerConnection} open statements.
 */
final class GuardedMeta implements InvocationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedMeta.class);
    private final DeltaSqlMeta target;
    private final ServerMetrics metrics;
    private final int maxConnectionsPerUser;
    private final int maxStatementsPerConnection;
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final StatementIds statementIds = new StatementIds();
    /** Connection ids reserved by {@link #admit} whose opening is under way: not yet in Avatica's cache, not expired. */
    private final Set<String> opening = ConcurrentHashMap.newKeySet();
    /**
     * Connections that were closed or expired. Avatica's client answers "no such connection" by
     * reopening the same id and retrying, which would turn a commit of an expired transaction into
     * a silent no-op on a fresh connection; a retired id is refused instead.
     */
    private final Set<String> retired = Collections.newSetFromMap(Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1))
            .<String, Boolean>build()
            .asMap());

    private GuardedMeta(
            DeltaSqlMeta target, ServerMetrics metrics, int maxConnectionsPerUser, int maxStatementsPerConnection) {
        this.target = target;
        this.metrics = metrics;
        this.maxConnectionsPerUser = maxConnectionsPerUser;
        this.maxStatementsPerConnection = maxStatementsPerConnection;
    }

    static ProtobufMeta wrap(
            DeltaSqlMeta target, ServerMetrics metrics, int maxConnectionsPerUser, int maxStatementsPerConnection) {
        return (ProtobufMeta) Proxy.newProxyInstance(
                GuardedMeta.class.getClassLoader(),
                new Class<?>[] {ProtobufMeta.class},
                new GuardedMeta(target, metrics, maxConnectionsPerUser, maxStatementsPerConnection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String user = RemoteUser.current().name();
        String name = method.getName();
        String connectionId = connectionId(args);
        Object[] callArgs = args == null ? null : args.clone();
        if (name.equals("openConnection")) {
            admit(user, connectionId);
        } else if (connectionId != null || hasHandle(args)) {
            authorize(user, name, connectionId);
            if (!bindStatements(user, method, connectionId, callArgs)) {
                return null; // closing a statement that is not the caller's: nothing to do
            }
            if (name.equals("createStatement") || name.equals("prepare")) {
                admitStatement(connectionId);
            }
            target.touch(connectionId);
        }
        try {
            Object result;
            try {
                result = method.invoke(target, callArgs);
            } finally {
                if (name.equals("openConnection")) {
                    opening.remove(connectionId);
                }
            }
            switch (name) {
                case "closeConnection" -> {
                    retired.add(connectionId);
                    owners.remove(connectionId);
                    statementIds.forgetConnection(connectionId);
                }
                case "closeStatement" -> statementIds.forget(((Meta.StatementHandle) args[0]).id);
                default -> {}
            }
            return publish(result);
        } catch (InvocationTargetException e) {
            if (name.equals("openConnection")) {
                owners.remove(connectionId, user);
            }
            throw translate(e.getCause());
        }
    }

    /** Refuses a request without a connection id, on a connection not open, or on one another user opened. */
    private void authorize(String user, String method, String connectionId) {
        if (connectionId == null) {
            throw noConnectionId();
        }
        String owner = owners.get(connectionId);
        if (owner == null) {
            throw expired();
        }
        if (!owner.equals(user)) {
            LOG.warn(
                    "refused {}: user '{}' sent connection '{}', which another user opened",
                    method,
                    LogEscaper.escape(user),
                    LogEscaper.escape(connectionId));
            throw new ClientError(
                    "permission denied: connection " + connectionId + " belongs to another user",
                    0,
                    SqlStates.PERMISSION_DENIED);
        }
    }

    /**
     * Replaces each statement handle's public id with Avatica's own, when the statement is one of
     * the request's connection's. Otherwise the statement is missing as far as this client can
     * tell: the call fails as Avatica's "missing statement" ({@code false} for a close, which
     * Avatica treats as done).
     */
    private boolean bindStatements(String user, Method method, String connectionId, Object[] args)
            throws NoSuchStatementException {
        if (args == null) {
            return true;
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Meta.StatementHandle h) {
                Integer internal = statementIds.internalId(connectionId, h.id);
                if (internal == null) {
                    refuseStatement(user, method.getName(), connectionId, h);
                    if (method.getName().contains("Batch")) {
                        // Avatica's protobuf batch response drops its "missing statement" flag: say it as an error.
                        throw new ClientError(
                                "statement " + h.id + " does not exist on connection " + connectionId
                                        + " (closed, expired, or not opened on this connection)",
                                0,
                                SqlStates.UNKNOWN_STATEMENT);
                    }
                    if (Arrays.asList(method.getExceptionTypes()).contains(NoSuchStatementException.class)) {
                        throw new NoSuchStatementException(h);
                    }
                    return false;
                }
                args[i] = new Meta.StatementHandle(connectionId, internal, h.signature);
            }
        }
        return true;
    }

    private void refuseStatement(String user, String method, String connectionId, Meta.StatementHandle h) {
        if (statementIds.ownedByAnother(connectionId, h.id)) {
            LOG.warn(
                    "refused {}: user '{}' sent statement {} of another connection with connection '{}'",
                    method,
                    LogEscaper.escape(user),
                    h.id,
                    LogEscaper.escape(connectionId));
        } else {
            LOG.debug("{}: no statement {} on connection '{}'", method, h.id, LogEscaper.escape(connectionId));
        }
    }

    /** Gives clients the public ids of the statements in a result, never Avatica's own. */
    private Object publish(Object result) {
        if (result instanceof Meta.StatementHandle h) {
            return new Meta.StatementHandle(h.connectionId, statementIds.publish(h.connectionId, h.id), h.signature);
        }
        if (result instanceof Meta.MetaResultSet rs) {
            return publish(rs);
        }
        if (result instanceof Meta.ExecuteResult er) {
            List<Meta.MetaResultSet> sets = new ArrayList<>(er.resultSets.size());
            er.resultSets.forEach(rs -> sets.add(publish(rs)));
            return new Meta.ExecuteResult(sets);
        }
        return result;
    }

    private Meta.MetaResultSet publish(Meta.MetaResultSet rs) {
        return new PublishedResultSet(rs, statementIds.publish(rs.connectionId, rs.statementId));
    }

    /** A result as Avatica made it, carrying the statement's public id. */
    private static final class PublishedResultSet extends Meta.MetaResultSet {
        PublishedResultSet(Meta.MetaResultSet rs, int publicId) {
            super(rs.connectionId, publicId, rs.ownStatement, rs.signature, rs.firstFrame, rs.updateCount);
        }
    }

    /**
     * Refuses a connection id that was used before, and a new connection past the per-user limit
     * (counting only connections the cache still holds).
     */
    private synchronized void admit(String user, String connectionId) {
        Set<String> open = target.openConnectionIds();
        for (var it = owners.keySet().iterator(); it.hasNext(); ) {
            String id = it.next();
            // "opening" first: an opening ends by entering Avatica's cache and then leaving "opening", so an
            // id seen outside "opening" is in the cache if it is open; asked the other way round, an id
            // moving between the two checks looked closed and was retired under its client.
            if (!opening.contains(id) && !open.contains(id)) {
                retired.add(id);
                statementIds.forgetConnection(id);
                it.remove();
            }
        }
        if (connectionId == null) {
            throw noConnectionId();
        }
        if (retired.contains(connectionId) || owners.containsKey(connectionId)) {
            throw expired();
        }
        long held = owners.values().stream().filter(user::equals).count();
        if (held >= maxConnectionsPerUser) {
            throw new ClientError(
                    "too many connections: " + (user.isEmpty() ? "anonymous clients" : "user '" + user + "'")
                            + " already hold" + (user.isEmpty() ? " " : "s ") + held
                            + " (the limit is " + maxConnectionsPerUser
                            + "); close some or wait for idle ones to expire",
                    0,
                    SqlStates.TOO_MANY_CONNECTIONS);
        }
        owners.put(connectionId, user); // reserved before Avatica opens it: no other user can take the id meanwhile
        opening.add(connectionId);
    }

    /** Refuses a new statement past the per-connection limit (counting only statements Avatica still holds). */
    private void admitStatement(String connectionId) {
        if (statementIds.liveCount(connectionId, target.openStatementIds()) >= maxStatementsPerConnection) {
            throw new ClientError(
                    "too many open statements on connection " + connectionId + " (the limit is "
                            + maxStatementsPerConnection + "): close the statements you no longer use",
                    0,
                    SqlStates.TOO_MANY_CONNECTIONS);
        }
    }

    private static boolean hasHandle(Object[] args) {
        return args != null
                && Arrays.stream(args)
                        .anyMatch(a -> a instanceof Meta.ConnectionHandle || a instanceof Meta.StatementHandle);
    }

    private static String connectionId(Object[] args) {
        if (args == null) {
            return null;
        }
        for (Object a : args) {
            if (a instanceof Meta.ConnectionHandle ch) {
                return ch.id;
            }
            if (a instanceof Meta.StatementHandle sh) {
                return sh.connectionId;
            }
        }
        return null;
    }

    private static ClientError noConnectionId() {
        return new ClientError("the request names no connection id", 0, SqlStates.PROTOCOL_VIOLATION);
    }

    private static ClientError expired() {
        return new ClientError(
                "this connection is closed or expired (unused for longer than the server's idle timeout); "
                        + "its uncommitted work was discarded: open a new connection",
                0,
                SqlStates.CONNECTION_CLOSED);
    }

    private Throwable translate(Throwable t) {
        if (t instanceof NoSuchConnectionException) {
            // Code 0, not Avatica's "missing connection" code: the client must not silently reconnect.
            return expired();
        }
        if (t instanceof AvaticaRuntimeException
                || t instanceof NoSuchConnectionException
                || t instanceof NoSuchStatementException
                || t instanceof Error) {
            return t;
        }
        if (t instanceof MissingResultsException) {
            return t;
        }
        SQLException sql = find(t);
        if (sql != null) {
            String state = sql.getSQLState() == null ? SqlStates.INTERNAL_ERROR : sql.getSQLState();
            if (state.equals(SqlStates.INTERNAL_ERROR)) {
                LOG.error("internal error", t);
            }
            if (SqlStates.CONFLICT.equals(state)) {
                metrics.conflict();
            }
            return new ClientError(sql.getMessage(), sql.getErrorCode(), state);
        }
        LOG.error("internal error", t);
        return new ClientError(
                t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), 0, SqlStates.INTERNAL_ERROR);
    }

    private static SQLException find(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }
}
