package io.deltasql.tests.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL of its own on a fixed data directory and port, so it can be stopped
 * (PostgreSQL's fast shutdown: sessions are ended, committed work is kept) and started again on the
 * same data while clients keep their URL. Commits are synchronous, so nothing a client was told is
 * committed may be lost across a stop.
 */
final class RestartablePostgres implements AutoCloseable {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Initialises {@code dataDirectory} and starts PostgreSQL on a free port. */
    static RestartablePostgres start(Path dataDirectory) throws IOException {
        RestartablePostgres pg = new RestartablePostgres(dataDirectory, freePort());
        pg.startAgain();
        return pg;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The {@code postgres} database as user {@code postgres}. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    synchronized void stop() throws IOException {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Starts PostgreSQL on the same data directory and port (initialised on the first start only). */
    synchronized void startAgain() throws IOException {
        if (running == null) {
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("synchronous_commit", "on")
                    .setRegisterShutdownHook(true)
                    .start();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
