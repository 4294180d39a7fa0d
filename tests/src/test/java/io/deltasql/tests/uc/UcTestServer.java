package io.deltasql.tests.uc;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.tests.reliability.ServerJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh catalog database and a deltasql server process on it with a writer (alice) and a reader
 * (bob), each with a bearer token minted by {@code deltasql new-token}; tables may live under the
 * run directory. Closing stops the server and drops the catalog.
 */
final class UcTestServer implements AutoCloseable {
    private static final Pattern TOKEN_LINE = Pattern.compile("add to the --tokens file: (\\S+: SHA256:[0-9a-f]{64})");

    private final CatalogTarget.TestCatalog catalog;
    private final ServerJvm server;
    private final Path dir;
    private final String writerToken;
    private final String readerToken;
    private final AtomicInteger clients = new AtomicInteger();

    private UcTestServer(
            CatalogTarget.TestCatalog catalog, ServerJvm server, Path dir, String writerToken, String readerToken) {
        this.catalog = catalog;
        this.server = server;
        this.dir = dir;
        this.writerToken = writerToken;
        this.readerToken = readerToken;
    }

    static UcTestServer start(CatalogTarget target, Path dir) throws Exception {
        Path users = dir.resolve("users.properties");
        Files.createFile(users, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(users, "alice: alice-pw, writer\nbob: bob-pw, reader\n");
        String[] alice = mint(dir, "alice");
        String[] bob = mint(dir, "bob");
        Path tokens = dir.resolve("tokens");
        Files.createFile(tokens, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokens, alice[1] + "\n" + bob[1] + "\n");
        CatalogTarget.TestCatalog catalog = target.create();
        try {
            ServerJvm server = ServerJvm.start(
                    dir.resolve("server.log"),
                    catalog.jdbcUrl(),
                    "--users",
                    users.toString(),
                    "--tokens",
                    tokens.toString(),
                    "--allowed-locations",
                    dir.toString());
            return new UcTestServer(catalog, server, dir, alice[0], bob[0]);
        } catch (Exception | Error e) {
            catalog.close();
            throw e;
        }
    }

    /** {@code deltasql new-token <user>}: the token (stdout) and the tokens-file line (stderr). */
    private static String[] mint(Path dir, String user) throws Exception {
        DeltaSqlCommand.Output out = DeltaSqlCommand.run(dir.resolve("cli"), "new-token", user);
        Matcher m = TOKEN_LINE.matcher(out.stderr());
        if (out.exitCode() != 0 || !m.find()) {
            throw new IllegalStateException("deltasql new-token " + user + " failed: " + out);
        }
        return new String[] {out.stdout().strip(), m.group(1)};
    }

    String url() {
        return server.url();
    }

    String catalogUrl() {
        return catalog.jdbcUrl();
    }

    Path dir() {
        return dir;
    }

    String writerToken() {
        return writerToken;
    }

    String readerToken() {
        return readerToken;
    }

    String serverLog() {
        return server.output();
    }

    /** Kernel's UC client with alice's (writer) token. */
    UcClient writerClient() {
        return client(writerToken, "alice");
    }

    /** Kernel's UC client with {@code token}; its runs' logs go to a directory of its own named after {@code label}. */
    UcClient client(String token, String label) {
        return new UcClient(url(), token, dir.resolve("clients-" + clients.incrementAndGet() + "-" + label));
    }

    /** A remote SQL session as alice (writer). */
    Connection sql() throws SQLException {
        return sql("alice", "alice-pw");
    }

    Connection sql(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:deltasql:remote:" + url(), p);
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            catalog.close();
        }
    }
}
