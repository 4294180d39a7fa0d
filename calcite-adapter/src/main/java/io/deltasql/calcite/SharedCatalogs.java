package io.deltasql.calcite;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import java.util.HashMap;
import java.util.Map;

/**
 * One open {@link DeltaCatalog} (one pool, one snapshot cache) per catalog configuration in the
 * process, shared by every connection to it and closed when the last one is released.
 */
public final class SharedCatalogs {
    private static final Map<String, Entry> OPEN = new HashMap<>();

    private SharedCatalogs() {
    }

    private static final class Entry {
        final DeltaCatalog catalog;
        int users;

        Entry(DeltaCatalog catalog) {
            this.catalog = catalog;
        }
    }

    /** The shared catalog for {@code config}, opened on first use; pair every call with {@link #release}. */
    public static synchronized DeltaCatalog acquire(CatalogConfig config) {
        String key = key(config);
        Entry e = OPEN.get(key);
        if (e == null) {
            e = new Entry(DeltaCatalog.open(config));
            OPEN.put(key, e);
        }
        e.users++;
        return e.catalog;
    }

    /** Gives a catalog back; the last user's release closes it. */
    public static synchronized void release(DeltaCatalog catalog) {
        var it = OPEN.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.catalog == catalog) {
                if (--e.users == 0) {
                    it.remove();
                    catalog.close();
                }
                return;
            }
        }
    }

    /** Settings that make a different catalog: URL, user, password (hashed, never kept in clear in the key) and pool and cache sizes. */
    private static String key(CatalogConfig c) {
        return c.jdbcUrl() + "\u0000" + c.user() + "\u0000" + (c.password() == null ? "" : Integer.toHexString(c.password().hashCode()))
                + "\u0000" + c.poolSize() + "\u0000" + c.cacheMaxSnapshots() + "\u0000" + c.cacheMaxFiles() + "\u0000" + c.fetchSize();
    }
}
