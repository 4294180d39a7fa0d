package io.deltasql.jdbc;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Undoes the self-registration of drivers deltasql uses privately (Calcite's engine, Avatica's
 * client) when they are the relocated copies inside deltasql's driver jar: their classes register
 * with DriverManager as they load, and the jar must register only {@link DeltaSqlDriver}.
 */
public final class PrivateDrivers {
    /** Where the driver jars relocate the libraries they bundle. */
    private static final String RELOCATED = "io.deltasql.shaded.";

    private PrivateDrivers() {}

    /** Deregisters every registered instance of {@code type} when it is a relocated copy; returns {@code driver}. */
    public static <D extends Driver> D unregistered(D driver) {
        Class<?> type = driver.getClass();
        while (type != null && !type.getName().startsWith(RELOCATED) && type.getSuperclass() != Object.class) {
            type = type.getSuperclass();
        }
        if (type == null || !type.getName().startsWith(RELOCATED)) {
            return driver;
        }
        try {
            for (Driver registered : Collections.list(DriverManager.getDrivers())) {
                if (type.isInstance(registered) && !(registered instanceof DeltaSqlDriver)) {
                    DriverManager.deregisterDriver(registered);
                }
            }
        } catch (SQLException | SecurityException e) {
            // Left registered: only a host asking DriverManager for that library's own URLs could be handed it.
        }
        return driver;
    }
}
