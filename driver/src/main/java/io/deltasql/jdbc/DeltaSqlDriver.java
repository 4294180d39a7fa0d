package io.deltasql.jdbc;

import io.deltasql.core.SqlStates;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:deltasql:} driver. A direct catalog URL ({@code jdbc:deltasql:}, {@code …:sqlite:},
 * {@code …:postgresql:}, {@code …:mariadb:}, {@code …:mysql:}) opens an in-process connection: a
 * Calcite connection whose {@code delta} schema is the catalog and whose transactions are Delta
 * commits ({@link LocalConnector}, present in the full driver jar only). {@code jdbc:deltasql:remote:…}
 * connects to a deltasql server through Avatica's client ({@link RemoteConnector}).
 *
 * <p>This class needs nothing but the JDK and Avatica's client, so the remote-only jar can load it.
 */
public class DeltaSqlDriver implements Driver {
    /** The in-process engine, loaded by name from this class's own loader (never the thread's). */
    private static final String LOCAL_CONNECTOR = "io.deltasql.jdbc.local.CalciteConnector";

    static {
        try {
            DriverManager.registerDriver(new DeltaSqlDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile LocalConnector local;

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
            return RemoteConnector.connect(parsed);
        }
        return local().connect(parsed);
    }

    private LocalConnector local() throws SQLException {
        LocalConnector connector = local;
        if (connector == null) {
            synchronized (this) {
                if (local == null) {
                    local = loadLocal();
                }
                connector = local;
            }
        }
        return connector;
    }

    private static LocalConnector loadLocal() throws SQLException {
        Class<?> type;
        try {
            type = Class.forName(LOCAL_CONNECTOR, true, DeltaSqlDriver.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw SqlStateExceptions.of(
                    "this is deltasql's remote-only driver jar: it connects to a deltasql server"
                            + " (jdbc:deltasql:remote:http://host:8765); for a catalog database use deltasql-jdbc-"
                            + DriverInfo.VERSION + ".jar",
                    SqlStates.UNAVAILABLE,
                    null);
        }
        try {
            return (LocalConnector) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw SqlStateExceptions.of(
                    "the deltasql driver's SQL engine could not start: " + cause, SqlStates.INTERNAL_ERROR, cause);
        }
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return DeltaSqlUrl.propertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return DriverInfo.MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return DriverInfo.MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException(
                "the deltasql driver does not log through java.util.logging", SqlStates.UNSUPPORTED);
    }

    /** Registers the driver with {@link DriverManager} (also done by service loading). */
    public static void load() {
        // Class initialisation registers the driver.
    }
}
