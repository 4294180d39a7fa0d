package io.deltasql.jdbc;

import io.deltasql.core.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver;

/**
 * Connections to a deltasql server: Avatica's remote client, given the user's login and TLS
 * settings as connection properties (never in the URL it sends requests to), wrapped in the same
 * proxies as in-process connections.
 */
final class RemoteConnector {
    /** Default fetch size of {@code jdbc:deltasql:remote:} statements (Avatica's own is 100 rows). */
    static final int REMOTE_FETCH_SIZE = 10_000;

    private RemoteConnector() {}

    static Connection connect(DeltaSqlUrl parsed) throws SQLException {
        Properties settings = parsed.settings();
        String serialization = settings.getProperty("serialization", "protobuf");
        if (!serialization.equals("protobuf") && !serialization.equals("json")) {
            throw SqlStateExceptions.of(
                    "serialization must be protobuf or json, and it is '" + serialization + "'",
                    SqlStates.INVALID_VALUE,
                    null);
        }
        Properties info = new Properties();
        String user = settings.getProperty("user");
        if (user != null) {
            info.setProperty("avatica_user", user);
            info.setProperty("avatica_password", settings.getProperty("password", ""));
            info.setProperty("authentication", "BASIC");
        }
        // Rows per frame a statement fetches: large by default, as a deltasql server's frames are.
        info.setProperty("fetch_size", String.valueOf(remoteFetchSize(settings.getProperty("fetchSize"))));
        for (String k : new String[] {"truststore", "truststore_password", "hostname_verification"}) {
            if (settings.getProperty(k) != null) {
                info.setProperty(k, settings.getProperty(k));
            }
        }
        try {
            Connection remote = PrivateDrivers.unregistered(new Driver())
                    .connect("jdbc:avatica:remote:url=" + parsed.remoteUrl() + ";serialization=" + serialization, info);
            return JdbcProxies.remote(remote, "jdbc:deltasql:remote:" + parsed.remoteUrl());
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    private static int remoteFetchSize(String setting) throws SQLException {
        if (setting == null) {
            return REMOTE_FETCH_SIZE;
        }
        try {
            int rows = Integer.parseInt(setting.trim());
            if (rows > 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SqlStateExceptions.of(
                "fetchSize must be a number of rows > 0, and it is '" + setting + "'", SqlStates.INVALID_VALUE, null);
    }
}
