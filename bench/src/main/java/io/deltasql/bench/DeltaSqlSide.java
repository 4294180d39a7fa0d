package io.deltasql.bench;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.FileFilter;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.AddFile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * deltasql's core API doing what {@link KernelSide} does. "Warm" calls go to one long-lived
 * {@link DeltaCatalog} (its snapshot cache filled by earlier calls); "cold" calls go to a catalog
 * opened just before, untimed, with one query run so its connection pool has a connection — what a
 * freshly started process has before its first request. The catalog database's own caches (the
 * OS page cache for SQLite, shared buffers for PostgreSQL) stay warm in both.
 */
public final class DeltaSqlSide {
    private final String jdbcUrl;

    public DeltaSqlSide(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public CatalogConfig.Builder config() {
        return CatalogConfig.builder(jdbcUrl);
    }

    public DeltaCatalog open() {
        return open(config());
    }

    /** Opens a catalog and takes a pooled connection once (a lookup that touches no snapshot cache). */
    public static DeltaCatalog open(CatalogConfig.Builder config) {
        DeltaCatalog c = DeltaCatalog.open(config.build());
        c.findTable("bench_no_such_table");
        return c;
    }

    /** Latest version, schema and properties; returns the version. */
    public static long metadata(DeltaCatalog c, String table) {
        Snapshot s = c.snapshot(table);
        String schema = s.metadata().schemaString();
        Map<String, String> properties = s.metadata().configuration();
        return s.version() + (schema.length() + properties.size()) * 0L;
    }

    /** The full active file list of the latest version (the cached list when there is one). */
    public static long countFiles(DeltaCatalog c, String table) {
        return count(c.snapshot(table).streamFiles());
    }

    /** The latest version's files as an in-memory list (what the cache holds). */
    public static List<AddFile> files(DeltaCatalog c, String table) {
        return c.snapshot(table).files();
    }

    public static long countPartition(DeltaCatalog c, String table, String value) {
        return count(
                c.snapshot(table).streamFiles(FileFilter.ALL.withPartition(TableSpec.PARTITION_COLUMN, Set.of(value))));
    }

    public static long countFilesAt(DeltaCatalog c, String table, long version) {
        return count(c.snapshotAt(table, version).streamFiles());
    }

    static long count(CloseableIterator<AddFile> files) {
        long n = 0;
        try (files) {
            while (files.hasNext()) {
                files.next();
                n++;
            }
        }
        return n;
    }
}
