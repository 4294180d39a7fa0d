package io.deltasql.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;

/**
 * What stands between remote clients and {@link DeltaSqlMeta}: every error reaches the client with
 * its SQLState ({@code 40001}, {@code 42501}, {@code 22023}, …) instead of Avatica's {@code 00000};
 * a connection can only be used by the user who opened it; and a user may hold at most
 * {@code maxConnectionsPerUser} connections.
 */
final class GuardedMeta implements InvocationHandler {
    private final DeltaSqlMeta target;
    private final ServerMetrics metrics;
    private final int maxConnectionsPerUser;
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    private GuardedMeta(DeltaSqlMeta target, ServerMetrics metrics, int maxConnectionsPerUser) {
        this.target = target;
        this.metrics = metrics;
        this.maxConnectionsPerUser = maxConnectionsPerUser;
    }

    static ProtobufMeta wrap(DeltaSqlMeta target, ServerMetrics metrics, int maxConnectionsPerUser) {
        return (ProtobufMeta) Proxy.newProxyInstance(GuardedMeta.class.getClassLoader(), new Class<?>[] {ProtobufMeta.class},
                new GuardedMeta(target, metrics, maxConnectionsPerUser));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String user = RemoteUser.current().name();
        String connectionId = connectionId(args);
        if (method.getName().equals("openConnection")) {
            admit(user);
        } else if (connectionId != null) {
            String owner = owners.get(connectionId);
            if (owner != null && !owner.equals(user)) {
                throw new ClientError("permission denied: connection " + connectionId + " belongs to another user", 0, "42501");
            }
        }
        try {
            Object result = method.invoke(target, args);
            if (method.getName().equals("openConnection")) {
                owners.put(connectionId, user);
            } else if (method.getName().equals("closeConnection")) {
                owners.remove(connectionId);
            }
            return result;
        } catch (InvocationTargetException e) {
            throw translate(e.getCause());
        }
    }

    /** Refuses a new connection past the per-user limit (counting only connections the cache still holds). */
    private synchronized void admit(String user) {
        owners.keySet().retainAll(target.openConnectionIds());
        long held = owners.values().stream().filter(user::equals).count();
        if (held >= maxConnectionsPerUser) {
            throw new ClientError("too many connections: user '" + user + "' already holds " + held
                    + " (the limit is " + maxConnectionsPerUser + "); close some or wait for idle ones to expire", 0, "53300");
        }
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

    private Throwable translate(Throwable t) {
        if (t instanceof AvaticaRuntimeException || t instanceof NoSuchConnectionException
                || t instanceof NoSuchStatementException || t instanceof Error) {
            return t;
        }
        if (t instanceof org.apache.calcite.avatica.MissingResultsException) {
            return t;
        }
        SQLException sql = find(t);
        if (sql != null) {
            String state = sql.getSQLState() == null ? "XX000" : sql.getSQLState();
            if ("40001".equals(state)) {
                metrics.conflict();
            }
            return new ClientError(sql.getMessage(), sql.getErrorCode(), state);
        }
        return new ClientError(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), 0, "XX000");
    }

    private static SQLException find(Throwable t) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }
}
