package io.deltasql.server;

import io.deltasql.core.JdbcUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * How to run the server: the catalog (its database JDBC URL and settings), where to listen, the
 * wire format, users and TLS, tables to warm up, and the per-client limits.
 *
 * @param catalogUrl the catalog database's JDBC URL ({@code jdbc:sqlite:…}, {@code jdbc:postgresql:…}, …)
 * @param catalogSettings catalog settings ({@code user}, {@code password}, {@code poolSize}, …); without
 *        {@code allowedLocations} the server allows no table location
 * @param bind address to listen on; without users the server listens on loopback only
 * @param port port to listen on; 0 picks a free one
 * @param usersFile users and roles (Jetty realm format), or null for no authentication
 * @param tokensFile the users' bearer tokens for the Unity Catalog API (see {@link BearerTokens}), or null for none
 * @param keystore a JKS/PKCS12 keystore for TLS, or null for plain HTTP
 * @param maxConnectionsPerUser open connections one user may hold
 * @param maxStatementsPerConnection open statements one remote connection may hold
 * @param idleTimeout how long an unused remote connection (and its uncommitted work) is kept
 * @param frameRows the fewest rows per frame of a result sent to a client (a client's fetch size may ask for more)
 * @param limits what one request and one statement may cost the server, or null for the defaults
 * @param login the backoff after failed logins and the insecure set-ups allowed, or null for the default
 */
public record ServerOptions(
        String catalogUrl,
        Properties catalogSettings,
        String bind,
        int port,
        Serialization serialization,
        Path usersFile,
        Path tokensFile,
        Path keystore,
        String keystorePassword,
        List<String> preload,
        int maxConnectionsPerUser,
        int maxStatementsPerConnection,
        Duration idleTimeout,
        int frameRows,
        StatementLimits limits,
        LoginPolicy login) {
    public static final int DEFAULT_PORT = 8765;
    public static final int DEFAULT_MAX_STATEMENTS_PER_CONNECTION = 1000;
    /**
     * Rows per result frame: 100,000 files in 10 round trips instead of Avatica's 1,000, while a
     * frame of the widest {@code t$files} rows stays a few megabytes.
     */
    public static final int DEFAULT_FRAME_ROWS = 10_000;

    public ServerOptions {
        catalogSettings = catalogSettings == null ? new Properties() : catalogSettings;
        bind = bind == null ? "127.0.0.1" : bind;
        serialization = serialization == null ? Serialization.PROTOBUF : serialization;
        preload = preload == null ? List.of() : List.copyOf(preload);
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
        limits = limits == null ? StatementLimits.DEFAULTS : limits;
        login = login == null ? LoginPolicy.DEFAULT : login;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        if (maxConnectionsPerUser <= 0) {
            throw new IllegalArgumentException("--max-connections-per-user must be > 0, was " + maxConnectionsPerUser);
        }
        if (maxStatementsPerConnection <= 0) {
            throw new IllegalArgumentException(
                    "--max-statements-per-connection must be > 0, was " + maxStatementsPerConnection);
        }
        if (frameRows <= 0) {
            throw new IllegalArgumentException("--frame-rows must be > 0, was " + frameRows);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("--idle-timeout must be positive, was " + idleTimeout);
        }
        if (tokensFile != null && usersFile == null) {
            throw new IllegalArgumentException("--tokens needs --users (a token belongs to a user of the users file)");
        }
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException("--keystore needs --keystore-password, --keystore-password-file or "
                    + "$DELTASQL_KEYSTORE_PASSWORD");
        }
    }

    /** Without the keystore password and the catalog settings (which may hold the catalog's password). */
    @Override
    public String toString() {
        return "ServerOptions[catalog=" + JdbcUrls.redact(catalogUrl) + ", bind=" + bind + ", port=" + port
                + ", serialization=" + serialization + ", users=" + usersFile + ", tokens=" + tokensFile + ", keystore="
                + keystore + ", preload="
                + preload
                + ", maxConnectionsPerUser=" + maxConnectionsPerUser + ", maxStatementsPerConnection="
                + maxStatementsPerConnection
                + ", idleTimeout=" + idleTimeout + ", frameRows=" + frameRows + ", limits=" + limits + ", login="
                + login + "]";
    }
}
