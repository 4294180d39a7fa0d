package io.deltasql.calcite;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.mirror.MirrorTiming;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One open {@link DeltaCatalog} (one pool, one snapshot cache, one {@code _delta_log} mirror with
 * its background reconciler) per catalog configuration in the process, shared by every connection
 * to it and closed when the last one is released.
 */
public final class SharedCatalogs {
    /** How often the background reconciler retries versions the mirror could not write. */
    public static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(30);

    private static final Map<String, Entry> OPEN = new HashMap<>();

    private SharedCatalogs() {}

    private static final class Entry {
        final DeltaCatalog catalog;
        final MirrorReconciler reconciler;
        int users;

        Entry(DeltaCatalog catalog, MirrorReconciler reconciler) {
            this.catalog = catalog;
            this.reconciler = reconciler;
        }
    }

    /**
     * The shared catalog for {@code config}, opened on first use with every commit mirrored to
     * {@code _delta_log} before the commit returns (unless {@code mirror} is false); pair every call
     * with {@link #release}.
     */
    public static DeltaCatalog acquire(CatalogConfig config, boolean mirror) {
        return acquire(config, mirror ? MirrorTiming.BEFORE_RETURN : null);
    }

    /**
     * The shared catalog for {@code config}, opened on first use with every commit mirrored to
     * {@code _delta_log} at {@code mirror} (null: not mirrored, another process does it); pair every
     * call with {@link #release}.
     */
    public static synchronized DeltaCatalog acquire(CatalogConfig config, MirrorTiming mirror) {
        String key = key(config) + "\u0000" + mirror;
        Entry e = OPEN.get(key);
        if (e == null) {
            DeltaCatalog catalog = DeltaCatalog.open(config);
            MirrorReconciler reconciler = null;
            if (mirror != null) {
                reconciler = new MirrorReconciler(DeltaLogMirror.install(catalog, mirror)).start(RECONCILE_INTERVAL);
            }
            e = new Entry(catalog, reconciler);
            OPEN.put(key, e);
        }
        e.users++;
        return e.catalog;
    }

    public static DeltaCatalog acquire(CatalogConfig config) {
        return acquire(config, true);
    }

    /** Gives a catalog back; the last user's release stops its reconciler and closes it. */
    public static synchronized void release(DeltaCatalog catalog) {
        var it = OPEN.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.catalog == catalog) {
                if (--e.users == 0) {
                    it.remove();
                    if (e.reconciler != null) {
                        e.reconciler.close();
                    }
                    catalog.close();
                }
                return;
            }
        }
    }

    /**
     * Settings that make a different catalog: URL, user, password (hashed, never kept in clear), pool
     * and cache sizes, the object-store settings (hashed), and the allowed locations (a server's restricted catalog is never shared with
     * an unrestricted local connection).
     */
    private static String key(CatalogConfig c) {
        return c.jdbcUrl() + "\u0000" + c.user() + "\u0000"
                + (c.password() == null ? "" : Integer.toHexString(c.password().hashCode()))
                + "\u0000" + c.poolSize() + "\u0000" + c.cacheMaxSnapshots() + "\u0000" + c.cacheMaxFiles() + "\u0000"
                + c.fetchSize()
                + "\u0000" + c.fileCheckpointMinFiles() + "\u0000" + c.allowedLocations()
                // Hashed like the password: the object-store settings hold credentials.
                + "\u0000" + Integer.toHexString(c.storageSettings().hashCode());
    }
}
