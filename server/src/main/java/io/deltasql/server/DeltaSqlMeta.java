package io.deltasql.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's server-side JDBC layer over {@code jdbc:deltasql:} connections. A remote client's own
 * connection properties are ignored: the catalog, its credentials and its settings are the
 * server's, and a reader's connection is opened read-only.
 */
final class DeltaSqlMeta extends JdbcMeta {
    private final Properties serverInfo;

    DeltaSqlMeta(String url, Properties serverInfo) throws SQLException {
        super(url, serverInfo);
        this.serverInfo = serverInfo;
    }

    /** Ids of the remote connections open now (expired ones are gone). */
    java.util.Set<String> openConnectionIds() {
        return getConnectionCache().asMap().keySet();
    }

    /** Ids of the statements open now (closed and expired ones are gone). */
    java.util.Set<Integer> openStatementIds() {
        return getStatementCache().asMap().keySet();
    }

    /** Closes every remote connection; their uncommitted transactions are discarded. */
    void closeAll() {
        getConnectionCache().invalidateAll();
        getConnectionCache().cleanUp();
    }

    @Override
    protected Connection createConnection(String url, Properties clientInfo) throws SQLException {
        Properties info = new Properties();
        info.putAll(serverInfo);
        info.setProperty("readOnly", String.valueOf(!RemoteUser.current().writer()));
        return super.createConnection(url, info);
    }
}
