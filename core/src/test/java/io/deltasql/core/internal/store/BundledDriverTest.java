package io.deltasql.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog's connections come from the driver deltasql ships, called directly: with no driver
 * for the catalog's URL registered in {@link DriverManager} (as inside a tool that loads deltasql's
 * jar in its own class loader), the catalog still opens, pooled and unpooled.
 */
class BundledDriverTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void catalogOpensWithNoDriverInDriverManager(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            var config = db.config().build();
            List<Driver> removed = deregisterDriversFor(config.jdbcUrl());
            try {
                assertThat(driverManagerHasDriverFor(config.jdbcUrl())).isFalse();
                try (CatalogDatabase catalog = CatalogDatabase.open(config)) {
                    try (Connection pooled = catalog.connection()) {
                        assertThat(pooled.isValid(5)).isTrue();
                    }
                    try (Connection unpooled = catalog.openUnpooled()) {
                        assertThat(unpooled.getAutoCommit()).isTrue();
                        assertThat(unpooled.getMetaData().getURL()).isNotEmpty();
                    }
                }
            } finally {
                for (Driver d : removed) {
                    DriverManager.registerDriver(d);
                }
            }
        }
    }

    private static List<Driver> deregisterDriversFor(String url) throws SQLException {
        List<Driver> removed = new ArrayList<>();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.acceptsURL(url)) {
                DriverManager.deregisterDriver(d);
                removed.add(d);
            }
        }
        return removed;
    }

    private static boolean driverManagerHasDriverFor(String url) {
        try {
            DriverManager.getDriver(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
