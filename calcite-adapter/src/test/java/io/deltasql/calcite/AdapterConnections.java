package io.deltasql.calcite;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.testing.CatalogTarget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Calcite connections on the adapter, without the driver: Calcite's own driver preparing
 * statements with {@link DeltaSqlPrepare}, the catalog's {@code delta} and {@code sys} schemas in
 * the root, and SQL settings as the driver's engine gives them (lower-case unquoted names,
 * case-insensitive, UTC, PostgreSQL functions). Closing the connection gives the shared catalog back.
 */
final class AdapterConnections {
    private static final String PREFIX = "jdbc:deltasql-adapter-test:";
    private static final Driver ENGINE = new Engine();

    static {
        CalciteSettings.load();
    }

    private AdapterConnections() {}

    /** A connection on {@code catalog} with every commit mirrored to the tables' {@code _delta_log}. */
    static Connection connect(CatalogTarget.TestCatalog catalog) throws SQLException {
        DeltaCatalog shared = SharedCatalogs.acquire(catalog.config().build(), true);
        try {
            Connection calcite = ENGINE.connect(PREFIX, properties());
            CalciteConnection cc = calcite.unwrap(CalciteConnection.class);
            DeltaSession session = new DeltaSession(shared);
            SchemaPlus root = cc.getRootSchema();
            SchemaCaching.turnOff(root.add("delta", new DeltaSchema(session)));
            SchemaCaching.turnOff(root.add("sys", new SysSchema(shared, session)));
            cc.setSchema("delta");
            return releasingOnClose(calcite, shared);
        } catch (SQLException | RuntimeException e) {
            SharedCatalogs.release(shared);
            throw e;
        }
    }

    /** The connection as it is, except that its first close also releases the shared catalog. */
    private static Connection releasingOnClose(Connection calcite, DeltaCatalog shared) {
        boolean[] released = {false};
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(calcite, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("close") && !released[0]) {
                            released[0] = true;
                            SharedCatalogs.release(shared);
                        }
                    }
                });
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("UNQUOTEDCASING", "TO_LOWER");
        p.setProperty("CASESENSITIVE", "false");
        p.setProperty("TIMEZONE", "UTC");
        p.setProperty("FUN", "standard,postgresql");
        return p;
    }

    /** Calcite's driver with the adapter's statement preparation; never registered with DriverManager. */
    private static final class Engine extends Driver {
        Engine() {
            super(DeltaSqlPrepare::new);
        }

        @Override
        protected String getConnectStringPrefix() {
            return PREFIX;
        }
    }
}
