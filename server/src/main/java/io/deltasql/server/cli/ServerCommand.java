package io.deltasql.server.cli;

import io.deltasql.core.location.AllowedLocations;
import io.deltasql.server.DeltaSqlServer;
import io.deltasql.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deltasql server}: serves the catalog over HTTP (Avatica) until SIGTERM or Ctrl-C, then
 * stops gracefully.
 */
@Command(name = "server", description = "Serve the catalog over HTTP to remote SQL clients (Avatica protocol).")
public final class ServerCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions;

    @Option(names = "--port", defaultValue = "8765", description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "<address>",
            description = "Address to listen on; without --users only loopback is allowed. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--serialization", defaultValue = "protobuf", paramLabel = "protobuf|json",
            description = "Wire format. Default: ${DEFAULT-VALUE}.")
    String serialization;

    @Option(names = "--users", paramLabel = "<file>",
            description = "Users file ('name: password, reader|writer' per line, Jetty realm format): turns on HTTP BASIC authentication.")
    Path users;

    @Option(names = "--keystore", paramLabel = "<file>", description = "Keystore (JKS or PKCS12) with the server's key: serve HTTPS.")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "<password>", description = "Password of --keystore.")
    String keystorePassword;

    @Option(names = "--preload", split = ",", paramLabel = "<table>", description = "Tables to load into the snapshot cache at start.")
    List<String> preload;

    @Option(names = "--max-connections-per-user", defaultValue = "64", description = "Open connections one user may hold. Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerUser;

    @Option(names = "--max-statements-per-connection", defaultValue = "" + ServerOptions.DEFAULT_MAX_STATEMENTS_PER_CONNECTION,
            description = "Open statements one remote connection may hold. Default: ${DEFAULT-VALUE}.")
    int maxStatementsPerConnection;

    @Option(names = "--idle-timeout-seconds", defaultValue = "600",
            description = "Close a remote connection unused this long, discarding its uncommitted work. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutSeconds;

    @Option(names = "--frame-rows", defaultValue = "" + ServerOptions.DEFAULT_FRAME_ROWS,
            description = "Fewest rows per frame of a result sent to a client (its fetch size may ask for more). Default: ${DEFAULT-VALUE}.")
    int frameRows;

    @Option(names = "--allowed-locations", split = ",", paramLabel = "<prefix>",
            description = "Directories (paths or file: URIs) under which remote clients may create or import tables and"
                    + " reference files outside a table's directory, e.g. /data/lake,file:/srv/delta."
                    + " Without it the server refuses every table location.")
    List<String> allowedLocations;

    @Override
    public Integer call() throws Exception {
        Serialization format = switch (serialization.toLowerCase(java.util.Locale.ROOT)) {
            case "protobuf" -> Serialization.PROTOBUF;
            case "json" -> Serialization.JSON;
            default -> throw new IllegalArgumentException("--serialization must be protobuf or json, was " + serialization);
        };
        Properties settings = new Properties();
        if (allowedLocations != null) {
            settings.setProperty(AllowedLocations.SETTING, String.join(",", allowedLocations));
        }
        ServerOptions options = new ServerOptions(catalogOptions.config().build().jdbcUrl(), settings, bind, port, format,
                users, keystore, keystorePassword, preload, maxConnectionsPerUser, maxStatementsPerConnection,
                Duration.ofSeconds(idleTimeoutSeconds), frameRows);
        DeltaSqlServer server = DeltaSqlServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "deltasql-server-shutdown"));
        server.join();
        stopped.await();
        return 0;
    }
}
