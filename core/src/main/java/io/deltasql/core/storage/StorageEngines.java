package io.deltasql.core.storage;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StoreSettings;
import java.util.Map;

/**
 * Delta Kernel's default engine reading and writing through deltasql's storage layer: local paths,
 * {@code s3://}/{@code s3a://} and Azure's {@code abfss://}/{@code wasbs://} with the object-store
 * settings given (Hadoop's {@code fs.s3a.*}/{@code fs.azure.*} keys, docs/STORAGE.md). For tools that
 * read a table's {@code _delta_log} on its store the way the mirror and the verifier do.
 */
public final class StorageEngines {
    private StorageEngines() {}

    /** The engine of a catalog's {@link CatalogConfig#storageSettings()}. */
    public static Engine kernel(CatalogConfig config) {
        return Storage.of(config).engine();
    }

    /** The engine of these object-store settings (shared with every catalog that has the same). */
    public static Engine kernel(Map<String, String> storageSettings) {
        return Storage.of(StoreSettings.of(storageSettings)).engine();
    }
}
