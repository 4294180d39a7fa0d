package io.deltasql.core.internal.store;

import io.deltasql.core.JdbcUrls;
import io.deltasql.core.SqlStates;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to the catalog database made by the JDBC driver deltasql ships with, called directly.
 * Never {@link java.sql.DriverManager}: inside a tool that loads deltasql's jar in its own class
 * loader, DriverManager cannot see the bundled drivers, and where the host has an older driver for
 * the same URL it would hand out the host's instead.
 */
final class BundledDriverDataSource implements DataSource {
    private final Driver driver;
    private final String url;
    private final Properties properties;
    private volatile int loginTimeoutSeconds;

    BundledDriverDataSource(Driver driver, String url, Properties properties) {
        this.driver = unregistered(driver);
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(properties);
    }

    /** Where the self-contained driver jar relocates the libraries it bundles. */
    private static final String RELOCATED = "io.deltasql.shaded.";

    /**
     * The driver, its class's self-registration undone when it is a relocated copy inside deltasql's
     * driver jar: JDBC drivers register themselves with DriverManager when their class loads, and a
     * host sharing the jar's class path must never be handed deltasql's private copy for its own URLs.
     */
    static Driver unregistered(Driver driver) {
        if (driver.getClass().getName().startsWith(RELOCATED)) {
            try {
                for (Driver registered : Collections.list(DriverManager.getDrivers())) {
                    if (registered.getClass() == driver.getClass()) {
                        DriverManager.deregisterDriver(registered);
                    }
                }
            } catch (SQLException | SecurityException e) {
                // Left registered: only a host that asks DriverManager for this URL type could be handed it.
            }
        }
        return driver;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(properties);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return connect(p);
    }

    private Connection connect(Properties p) throws SQLException {
        Connection c = driver.connect(url, p);
        if (c == null) {
            // Only a URL the driver does not understand gets here; Dialect.forUrl chose the driver by the URL's prefix.
            throw new SQLException(
                    "the bundled " + driver.getClass().getSimpleName() + " driver does not accept the catalog URL "
                            + JdbcUrls.redact(url),
                    SqlStates.UNAVAILABLE);
        }
        return c;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The drivers take their connect timeouts from the URL and properties; kept only to answer getLoginTimeout.
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Connection logging goes through the drivers' own loggers.
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), SqlStates.GENERAL_ERROR);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
