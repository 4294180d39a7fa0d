package io.deltasql.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collections;
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
 * a connection can only be used by the user who opened it; a user may hold at most
 * {@code maxConnectionsPerUser} connections, and a connection at most
 * {@code maxStatementsPerConnection} open statements.
 */
final class GuardedMeta implements InvocationHandler {
    private final DeltaSqlMeta target;
    private final ServerMetrics metrics;
    private final int maxConnectionsPerUser;
    private final int maxStatementsPerConnection;
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> statements = new ConcurrentHashMap<>();
    /**
     * Connections that were closed or expired. Avatica's client answers "no such connection" by
     * reopening the same id and retrying, which would turn a commit of an expired transaction into
     * a silent no-op on a fresh connection; a retired id is refused instead.
     */
    private final Set<String> retired = Collections.newSetFromMap(
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofDays(1)).<String, Boolean>build().asMap());

    private GuardedMeta(DeltaSqlMeta target, ServerMetrics metrics, int maxConnectionsPerUser, int maxStatementsPerConnection) {
        this.target = target;
        this.metrics = metrics;
        this.maxConnectionsPerUser = maxConnectionsPerUser;
        this.maxStatementsPerConnection = maxStatementsPerConnection;
    }

    static ProtobufMeta wrap(DeltaSqlMeta target, ServerMetrics metrics, int maxConnectionsPerUser, int maxStatementsPerConnection) {
        return (ProtobufMeta) Proxy.newProxyInstance(GuardedMeta.class.getClassLoader(), new Class<?>[] {ProtobufMeta.class},
                new GuardedMeta(target, metrics, maxConnectionsPerUser, maxStatementsPerConnection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String user = RemoteUser.current().name();
        String connectionId = connectionId(args);
        String name = method.getName();
        if (name.equals("openConnection")) {
            admit(user, connectionId);
        } else if (connectionId != null) {
            String owner = owners.get(connectionId);
            if (owner != null && !owner.equals(user)) {
                throw new ClientError("permission denied: connection " + connectionId + " belongs to another user", 0, "42501");
            }
            if (name.equals("createStatement") || name.equals("prepare")) {
                admitStatement(connectionId);
            }
            target.touch(connectionId);
        }
        try {
            Object result = method.invoke(target, args);
            switch (name) {
                case "openConnection" -> owners.put(connectionId, user);
                case "closeConnection" -> {
                    retired.add(connectionId);
                    owners.remove(connectionId);
                    statements.remove(connectionId);
                }
                case "createStatement", "prepare" -> {
                    statements.computeIfAbsent(connectionId, k -> ConcurrentHashMap.newKeySet())
                            .add(((Meta.StatementHandle) result).id);
                }
                case "closeStatement" -> {
                    Set<Integer> open = statements.get(connectionId);
                    if (open != null) {
                        open.remove(((Meta.StatementHandle) args[0]).id);
                    }
                }
                default -> {
                }
            }
            return result;
        } catch (InvocationTargetException e) {
            throw translate(e.getCause());
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
            if (!open.contains(id)) {
                retired.add(id);
                statements.remove(id);
                it.remove();
            }
        }
        if (retired.contains(connectionId) || owners.containsKey(connectionId)) {
            throw expired();
        }
        long held = owners.values().stream().filter(user::equals).count();
        if (held >= maxConnectionsPerUser) {
            throw new ClientError("too many connections: " + (user.isEmpty() ? "anonymous clients" : "user '" + user + "'")
                    + " already hold" + (user.isEmpty() ? " " : "s ") + held
                    + " (the limit is " + maxConnectionsPerUser + "); close some or wait for idle ones to expire", 0, "53300");
        }
    }

    /** Refuses a new statement past the per-connection limit (counting only statements the cache still holds). */
    private void admitStatement(String connectionId) {
        Set<Integer> open = statements.get(connectionId);
        if (open == null) {
            return;
        }
        open.retainAll(target.openStatementIds());
        if (open.size() >= maxStatementsPerConnection) {
            throw new ClientError("too many open statements on connection " + connectionId + " (the limit is "
                    + maxStatementsPerConnection + "): close the statements you no longer use", 0, "53300");
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

    private static ClientError expired() {
        return new ClientError("this connection is closed or expired (unused for longer than the server's idle timeout); "
                + "its uncommitted work was discarded: open a new connection", 0, "08003");
    }

    private Throwable translate(Throwable t) {
        if (t instanceof NoSuchConnectionException) {
            // Code 0, not Avatica's "missing connection" code: the client must not silently reconnect.
            return expired();
        }
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
