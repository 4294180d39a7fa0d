package io.deltasql.core.testing;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import java.util.function.Consumer;

/**
 * One kind of catalog database tests run against (SQLite file, embedded PostgreSQL, the
 * machine's PostgreSQL or MariaDB). Each {@link #create()} gives a fresh, empty, isolated catalog.
 */
public interface CatalogTarget {
    String name();

    /** A new empty catalog database; closing it drops it. */
    TestCatalog create();

    /** A fresh catalog: its JDBC URL, and a way to open {@link DeltaCatalog}s on it. */
    interface TestCatalog extends AutoCloseable {
        String jdbcUrl();

        default CatalogConfig.Builder config() {
            return CatalogConfig.builder(jdbcUrl());
        }

        default DeltaCatalog open() {
            return DeltaCatalog.open(config().build());
        }

        default DeltaCatalog open(Consumer<CatalogConfig.Builder> tweak) {
            CatalogConfig.Builder b = config();
            tweak.accept(b);
            return DeltaCatalog.open(b.build());
        }

        @Override
        void close();
    }
}
