package io.deltasql.server.cli;

import io.deltasql.core.location.AllowedLocations;
import io.deltasql.core.mirror.MirrorTiming;
import io.deltasql.server.DeltaSqlServer;
import io.deltasql.server.LoginPolicy;
import io.deltasql.server.ServerOptions;
import io.deltasql.server.StatementLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deltasql server}: serves the catalog over HTTP (Avatica) until SIGTERM or Ctrl-C, then
 * stops gracefully.
 */
@Command(name = "server", description = "Serve the catalog over HTTP to remote SQL clients (Avatica protocol).")
public final class ServerCommand implements Callable<Integer> {
    static final String KEYSTORE_PASSWORD_ENV = "DELTASQL_KEYSTORE_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Mixin
    CatalogOptions catalogOptions;

    @Option(
            names = "--port",
            defaultValue = "8765",
            description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "<address>",
            description = "Address to listen on; without --users only loopback is allowed. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(
            names = "--serialization",
            defaultValue = "protobuf",
            paramLabel = "protobuf|json",
            description = "Wire format. Default: ${DEFAULT-VALUE}.")
    String serialization;

    @Option(
            names = "--users",
            paramLabel = "<file>",
            description =
                    "Users file ('name: password, reader|writer' per line, Jetty realm format): turns on HTTP BASIC authentication.")
    Path users;

    @Option(
            names = "--tokens",
            paramLabel = "<file>",
            description = "Bearer tokens of --users users ('name: SHA256:<hex>' per line, from bin/deltasql new-token),"
                    + " for Delta's Unity Catalog clients of catalog-managed tables.")
    Path tokens;

    @Option(
            names = "--keystore",
            paramLabel = "<file>",
            description = "Keystore (JKS or PKCS12) with the server's key: serve HTTPS.")
    Path keystore;

    @Option(
            names = "--keystore-password",
            paramLabel = "<password>",
            description = "Password of --keystore (visible in the process list: prefer --keystore-password-file or $"
                    + ServerCommand.KEYSTORE_PASSWORD_ENV + ").")
    String keystorePassword;

    @Option(
            names = "--keystore-password-file",
            paramLabel = "<file>",
            description = "File holding the password of --keystore (one trailing newline is ignored). Default: $"
                    + ServerCommand.KEYSTORE_PASSWORD_ENV + ".")
    Path keystorePasswordFile;

    @Option(
            names = "--allow-insecure-users-file",
            description = "Start even when the --users file is readable or writable by group or others.")
    boolean allowInsecureUsersFile;

    @Option(
            names = "--allow-plain-http-auth",
            description =
                    "Serve --users (BASIC authentication) over plain HTTP on a non-loopback --bind, e.g. behind a "
                            + "TLS-terminating proxy on this host.")
    boolean allowPlainHttpAuth;

    @Option(
            names = "--login-backoff-initial-ms",
            defaultValue = "1000",
            paramLabel = "<ms>",
            description =
                    "After 3 failed logins in a row for one user from one address, refuse its attempts (429) this long, "
                            + "doubling with each further failure. Default: ${DEFAULT-VALUE}.")
    long loginBackoffInitialMs;

    @Option(
            names = "--login-backoff-max-ms",
            defaultValue = "300000",
            paramLabel = "<ms>",
            description = "Longest login backoff. Default: ${DEFAULT-VALUE}.")
    long loginBackoffMaxMs;

    @Option(
            names = "--preload",
            split = ",",
            paramLabel = "<table>",
            description = "Tables to load into the snapshot cache at start.")
    List<String> preload;

    @Option(
            names = "--max-connections-per-user",
            defaultValue = "64",
            description = "Open connections one user may hold. Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerUser;

    @Option(
            names = "--max-statements-per-connection",
            defaultValue = "" + ServerOptions.DEFAULT_MAX_STATEMENTS_PER_CONNECTION,
            description = "Open statements one remote connection may hold. Default: ${DEFAULT-VALUE}.")
    int maxStatementsPerConnection;

    @Option(
            names = "--idle-timeout-seconds",
            defaultValue = "600",
            description =
                    "Close a remote connection unused this long, discarding its uncommitted work. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutSeconds;

    @Option(
            names = "--frame-rows",
            defaultValue = "" + ServerOptions.DEFAULT_FRAME_ROWS,
            description =
                    "Fewest rows per frame of a result sent to a client (its fetch size may ask for more). Default: ${DEFAULT-VALUE}.")
    int frameRows;

    @Option(
            names = "--max-request-bytes",
            defaultValue = "" + (16L * 1024 * 1024),
            description =
                    "Largest request body (a statement's SQL and parameters) the server reads. Default: ${DEFAULT-VALUE}.")
    long maxRequestBytes;

    @Option(
            names = "--max-result-bytes",
            defaultValue = "" + (2048L * 1024 * 1024),
            description = "Most bytes of results one execution of a statement may send. Default: ${DEFAULT-VALUE}.")
    long maxResultBytes;

    @Option(
            names = "--query-timeout-seconds",
            defaultValue = "900",
            description =
                    "Most server time one execution of a statement may take (pauses between fetches do not count). Default: ${DEFAULT-VALUE}.")
    long queryTimeoutSeconds;

    @Option(
            names = "--allowed-locations",
            split = ",",
            paramLabel = "<prefix>",
            description = "Directories (paths or file: URIs) under which remote clients may create or import tables and"
                    + " reference files outside a table's directory, e.g. /data/lake,file:/srv/delta."
                    + " Without it the server refuses every table location.")
    List<String> allowedLocations;

    @Option(
            names = "--mirror",
            paramLabel = "true|async|false",
            defaultValue = "true",
            description = "When each commit's _delta_log file is written: true (default) before the commit returns,"
                    + " async right after it returns (commits do not wait for the store; log readers see a version"
                    + " once it is written), false never (another process mirrors).")
    String mirror;

    @Override
    public Integer call() throws Exception {
        Serialization format = switch (serialization.toLowerCase(Locale.ROOT)) {
            case "protobuf" -> Serialization.PROTOBUF;
            case "json" -> Serialization.JSON;
            default ->
                throw new IllegalArgumentException("--serialization must be protobuf or json, was " + serialization);
        };
        if (keystorePassword != null) {
            LOG.warn(
                    "--keystore-password is visible to other local accounts in the process list; "
                            + "use --keystore-password-file or ${} instead",
                    KEYSTORE_PASSWORD_ENV);
        }
        String keystoreSecret = SecretSource.resolve(
                "--keystore-password", keystorePassword, keystorePasswordFile, KEYSTORE_PASSWORD_ENV, System.getenv());
        LoginPolicy login = new LoginPolicy(
                Duration.ofMillis(loginBackoffInitialMs),
                Duration.ofMillis(loginBackoffMaxMs),
                allowInsecureUsersFile,
                allowPlainHttpAuth);
        Properties settings = catalogOptions.settings();
        MirrorTiming.ofSetting(mirror); // a typo stops the server before it starts
        settings.setProperty(MirrorTiming.SETTING, mirror);
        if (allowedLocations != null) {
            settings.setProperty(AllowedLocations.SETTING, String.join(",", allowedLocations));
        }
        ServerOptions options = new ServerOptions(
                catalogOptions.config().build().jdbcUrl(),
                settings,
                bind,
                port,
                format,
                users,
                tokens,
                keystore,
                keystore == null ? null : keystoreSecret,
                preload,
                maxConnectionsPerUser,
                maxStatementsPerConnection,
                Duration.ofSeconds(idleTimeoutSeconds),
                frameRows,
                new StatementLimits(
                        maxRequestBytes,
                        StatementLimits.DEFAULTS.frameBytes(),
                        maxResultBytes,
                        Duration.ofSeconds(queryTimeoutSeconds)),
                login);
        DeltaSqlServer server = DeltaSqlServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "deltasql-server-shutdown"));
        server.join();
        stopped.await();
        return 0;
    }
}
