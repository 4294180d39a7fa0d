package io.deltasql.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.deltasql.calcite.DeltaSession;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.JdbcUrls;
import io.deltasql.core.location.AllowedLocations;
import io.deltasql.jdbc.DeltaSqlDriver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deltasql server: the same SQL surface as the {@code jdbc:deltasql:} driver, over Avatica's
 * HTTP protocol (protobuf, or JSON), for clients that should not hold the catalog's credentials.
 * Optional BASIC authentication with reader and writer roles, TLS, {@code /health} and
 * {@code /metrics}, and the mirror reconciler in the background (the shared catalog runs it).
 */
public final class DeltaSqlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaSqlServer.class);
    /** How long a stop waits for requests in flight (a commit finishes or rolls back). */
    private static final long STOP_TIMEOUT_MS = 15_000;

    private final ServerOptions options;
    private final Connection anchor;
    private final DeltaCatalog catalog;
    private final DeltaSqlMeta meta;
    private final HttpServer http;
    private final String bind;
    private boolean stopped;

    private DeltaSqlServer(
            ServerOptions options,
            Connection anchor,
            DeltaCatalog catalog,
            DeltaSqlMeta meta,
            HttpServer http,
            String bind) {
        this.options = options;
        this.anchor = anchor;
        this.catalog = catalog;
        this.meta = meta;
        this.http = http;
        this.bind = bind;
    }

    /** Opens the catalog, warms the cache, starts listening and logs the URL clients use. */
    public static DeltaSqlServer start(ServerOptions options) throws SQLException {
        String catalogUrl = CatalogConfig.builder(options.catalogUrl())
                .apply(options.catalogSettings())
                .build()
                .jdbcUrl();
        String driverUrl = "jdbc:deltasql:" + catalogUrl.substring("jdbc:".length());
        LoginPolicy policy = options.login();
        if (options.usersFile() != null) {
            AuthSetupCheck.requirePrivateUsersFile(options.usersFile(), policy.allowInsecureUsersFile());
        }
        UsersFile users = options.usersFile() == null ? null : UsersFile.read(options.usersFile());
        // The tokens file holds only digests of 256-bit random tokens: unlike the users file it may be readable.
        BearerTokens tokens = options.tokensFile() == null ? null : BearerTokens.read(options.tokensFile(), users);
        String bind = options.bind();
        AuthSetupCheck.requireTlsForRemoteBasicAuth(
                users != null, options.keystore() != null, bind, isLoopback(bind), policy.allowPlainHttpAuth());
        if (users == null && !isLoopback(bind)) {
            LOG.warn(
                    "no --users file: listening on 127.0.0.1 only, not on {} (give --users to accept remote clients)",
                    bind);
            bind = "127.0.0.1";
        }
        if (users != null && !users.weakUsers().isEmpty()) {
            LOG.warn(
                    "users file {}: {} user(s) without a bcrypt hash ({}); replace their passwords with the output of "
                            + "bin/deltasql hash-password",
                    users.path(),
                    users.weakUsers().size(),
                    users.weakUsers().stream()
                            .map(u -> "'" + LogEscaper.escape(u.name()) + "': " + u.storage())
                            .collect(Collectors.joining(", ")));
        }
        DeltaSqlDriver.load();
        Properties info = new Properties();
        info.putAll(options.catalogSettings());
        // Remote clients must not choose where the server writes: without allowed locations, none is.
        info.putIfAbsent(AllowedLocations.SETTING, "");
        // The server's connection for its own use keeps the shared catalog (pool, cache, mirror) open.
        Connection anchor = DriverManager.getConnection(driverUrl, info);
        try {
            DeltaCatalog catalog = anchor.unwrap(DeltaSession.class).catalog();
            if (!options.preload().isEmpty()) {
                catalog.preload(options.preload(), 0);
                LOG.info(
                        "preloaded {} table(s) into the snapshot cache: {}",
                        options.preload().size(),
                        options.preload());
            }
            ServerMetrics metrics = new ServerMetrics(catalog);
            catalog.addCommitListener(results -> metrics.committed(results.size()));

            Properties metaInfo = new Properties();
            metaInfo.putAll(info);
            long idleSeconds = Math.max(1, options.idleTimeout().toSeconds());
            metaInfo.setProperty("avatica.connectioncache.expiryduration", String.valueOf(idleSeconds));
            metaInfo.setProperty("avatica.connectioncache.expiryunit", "SECONDS");
            metaInfo.setProperty("avatica.statementcache.expiryduration", String.valueOf(idleSeconds));
            metaInfo.setProperty("avatica.statementcache.expiryunit", "SECONDS");
            StatementLimits limits = options.limits();
            StatementBudgets budgets = new StatementBudgets(limits.maxResultBytes(), limits.maxQueryTime());
            DeltaSqlMeta meta =
                    new DeltaSqlMeta(driverUrl, metaInfo, options.frameRows(), limits.frameBytes(), budgets);
            LocalService service = new LocalService(GuardedMeta.wrap(
                    meta, metrics, options.maxConnectionsPerUser(), options.maxStatementsPerConnection()));
            AvaticaHandler avatica = options.serialization() == Serialization.JSON
                    ? ProtocolEndpoint.json(service, limits.maxRequestBytes())
                    : ProtocolEndpoint.protobuf(service, limits.maxRequestBytes());

            ObjectMapper json = new ObjectMapper();
            UnityCatalogHandler unityCatalog = new UnityCatalogHandler(
                    new UnityCatalogApi(catalog, metastoreId(catalogUrl), json), users, tokens, metrics, json);

            String host = bind;
            ServerCustomizer<Server> customizer = server -> {
                for (var c : server.getConnectors()) {
                    if (c instanceof ServerConnector sc) {
                        sc.setHost(host);
                    }
                }
                LoginAuditHandler audit = new LoginAuditHandler(metrics);
                HandlerList authenticated = new HandlerList(new HealthDetailsHandler(catalog), server.getHandler());
                if (users == null) {
                    audit.setHandler(authenticated);
                } else {
                    LoginBackoff backoff =
                            new LoginBackoff(policy.backoffInitial(), policy.backoffMax(), Ticker.systemTicker());
                    ConstraintSecurityHandler security =
                            BasicAuthentication.securityHandler(new UsersLoginService(users, backoff));
                    security.setHandler(authenticated);
                    LoginThrottleHandler throttle = new LoginThrottleHandler(backoff, metrics);
                    throttle.setHandler(security);
                    audit.setHandler(throttle);
                }
                HandlerList handlers = new HandlerList();
                handlers.setHandlers(new Handler[] {new OpsHandler(catalog, metrics), unityCatalog, audit});
                StatisticsHandler inFlight = new StatisticsHandler();
                inFlight.setHandler(handlers);
                server.setHandler(inFlight);
                server.setStopTimeout(STOP_TIMEOUT_MS);
            };
            HttpServer.Builder<Server> builder = new HttpServer.Builder<Server>()
                    .withPort(options.port())
                    .withHandler(new UserAwareHandler(avatica, users, metrics))
                    .withServerCustomizers(List.of(customizer), Server.class);
            if (options.keystore() != null) {
                builder.withTLS(
                        options.keystore().toFile(),
                        options.keystorePassword(),
                        options.keystore().toFile(),
                        options.keystorePassword());
            }
            HttpServer http = builder.build();
            http.start();
            DeltaSqlServer server = new DeltaSqlServer(options, anchor, catalog, meta, http, host);
            LOG.info(
                    "deltasql server ready: {} ({}{}, catalog {}); connect with jdbc:deltasql:remote:{}",
                    server.url(),
                    options.serialization().name().toLowerCase(Locale.ROOT),
                    users == null ? ", no authentication" : ", " + users.size() + " user(s)",
                    JdbcUrls.redact(catalogUrl),
                    server.url());
            return server;
        } catch (RuntimeException | SQLException e) {
            anchor.close();
            throw e;
        }
    }

    /** A stable id of the catalog for Unity Catalog clients: the same catalog database gives the same id. */
    private static String metastoreId(String catalogUrl) {
        return UUID.nameUUIDFromBytes(
                        ("deltasql catalog " + JdbcUrls.redact(catalogUrl)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + host + ": unknown host");
        }
    }

    public int port() {
        return http.getPort();
    }

    /** The URL clients connect to. */
    public String url() {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return (options.keystore() != null ? "https" : "http") + "://" + host + ":" + port();
    }

    public DeltaCatalog catalog() {
        return catalog;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        http.join();
    }

    /**
     * Stops gracefully: no new requests, requests in flight finish (up to 15 s), then every remote
     * connection is closed (uncommitted work is discarded) and the catalog is released.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("deltasql server stopping");
        http.stop();
        meta.closeAll();
        try {
            anchor.close();
        } catch (SQLException e) {
            LOG.warn("closing the catalog: {}", e.getMessage());
        }
        LOG.info("deltasql server stopped");
    }
}
