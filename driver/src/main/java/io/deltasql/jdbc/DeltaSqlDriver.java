package io.deltasql.jdbc;

import io.deltasql.calcite.DeltaSchema;
import io.deltasql.calcite.DeltaSession;
import io.deltasql.calcite.SchemaCaching;
import io.deltasql.calcite.SharedCatalogs;
import io.deltasql.calcite.SysSchema;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlVersion;
import io.deltasql.core.store.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The {@code jdbc:deltasql:} driver: a Calcite connection whose {@code delta} schema is the
 * catalog named by the URL (see {@link DeltaSqlUrl}) and whose transactions are Delta commits.
 * Connections to one catalog share its pool and snapshot cache. {@code jdbc:deltasql:remote:…}
 * connects to a deltasql server through Avatica's remote driver.
 */
public class DeltaSqlDriver extends org.apache.calcite.jdbc.Driver {
    /** Default fetch size of {@code jdbc:deltasql:remote:} statements (Avatica's own is 100 rows). */
    static final int REMOTE_FETCH_SIZE = 10_000;

    static {
        LibraryLogging.quietLibraries();
        io.deltasql.calcite.CalciteSettings.load();
        new DeltaSqlDriver().register();
    }

    public DeltaSqlDriver() {
        super(io.deltasql.calcite.DeltaSqlPrepare::new);
    }

    @Override
    protected String getConnectStringPrefix() {
        return DeltaSqlUrl.PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        String v = DeltaSqlVersion.VERSION;
        int[] parts = versionParts(v);
        return new DriverVersion("deltasql JDBC driver", v, "deltasql", v, true, parts[0], parts[1], parts[0], parts[1]);
    }

    private static int[] versionParts(String v) {
        String[] s = v.split("[.-]");
        try {
            return new int[] {Integer.parseInt(s[0]), s.length > 1 ? Integer.parseInt(s[1]) : 0};
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return DeltaSqlUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        DeltaSqlUrl parsed = DeltaSqlUrl.parse(url, info);
        if (parsed.remoteUrl() != null) {
            return connectRemote(parsed);
        }
        CatalogConfig config;
        DeltaCatalog catalog;
        try {
            config = CatalogConfig.builder(parsed.catalogUrl()).apply(parsed.settings()).build();
            catalog = SharedCatalogs.acquire(config, !"false".equalsIgnoreCase(parsed.settings().getProperty("mirror", "true")));
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
        try {
            Connection calcite = super.connect(DeltaSqlUrl.PREFIX, calciteProperties());
            CalciteConnection cc = calcite.unwrap(CalciteConnection.class);
            DeltaSession session = new DeltaSession(catalog);
            session.setReadOnly("true".equalsIgnoreCase(parsed.settings().getProperty("readOnly", "false")));
            SchemaPlus root = cc.getRootSchema();
            SchemaCaching.turnOff(root.add("delta", new DeltaSchema(session)));
            SchemaCaching.turnOff(root.add("sys", new SysSchema(catalog, session)));
            cc.setSchema("delta");
            String shown = "jdbc:deltasql:" + JdbcUrls.redact(config.jdbcUrl()).substring("jdbc:".length());
            return JdbcProxies.connection(calcite, session, shown, () -> SharedCatalogs.release(catalog));
        } catch (SQLException | RuntimeException e) {
            SharedCatalogs.release(catalog);
            throw SqlErrors.translate(e);
        }
    }

    /**
     * SQL as data engineers expect from PostgreSQL: unquoted names fold to lower case and match
     * case-insensitively, double quotes for identifiers (Calcite's default, as is leaving quoted
     * names unchanged), timestamps in UTC. Calcite reads its settings by parsing these properties
     * again on every access, several times per statement execution, and matches their names
     * ignoring case: so only what differs from its defaults is given, in upper case, which its
     * parse neither copies nor hashes again.
     */
    private static Properties calciteProperties() {
        Properties p = new Properties();
        p.setProperty("UNQUOTEDCASING", "TO_LOWER");
        p.setProperty("CASESENSITIVE", "false");
        p.setProperty("TIMEZONE", "UTC");
        p.setProperty("FUN", "standard,postgresql");
        return p;
    }

    private static Connection connectRemote(DeltaSqlUrl parsed) throws SQLException {
        String serialization = parsed.settings().getProperty("serialization", "protobuf");
        Properties info = new Properties();
        String user = parsed.settings().getProperty("user");
        if (user != null) {
            info.setProperty("avatica_user", user);
            info.setProperty("avatica_password", parsed.settings().getProperty("password", ""));
            info.setProperty("authentication", "BASIC");
        }
        // Rows per frame a statement fetches: large by default, as a deltasql server's frames are.
        info.setProperty("fetch_size", String.valueOf(remoteFetchSize(parsed.settings().getProperty("fetchSize"))));
        for (String k : new String[] {"truststore", "truststore_password", "hostname_verification"}) {
            if (parsed.settings().getProperty(k) != null) {
                info.setProperty(k, parsed.settings().getProperty(k));
            }
        }
        try {
            Connection remote = new org.apache.calcite.avatica.remote.Driver()
                    .connect("jdbc:avatica:remote:url=" + parsed.remoteUrl() + ";serialization=" + serialization, info);
            return JdbcProxies.remote(remote, "jdbc:deltasql:remote:" + parsed.remoteUrl());
        } catch (RuntimeException e) {
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
        throw new SQLException("fetchSize must be a number of rows > 0, and it is '" + setting + "'", "22023");
    }

    /** Registers the driver with {@link DriverManager} (also done by service loading). */
    public static void load() {
        // Class initialisation registers the driver.
    }
}
