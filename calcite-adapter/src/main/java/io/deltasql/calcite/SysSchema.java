package io.deltasql.calcite;

import io.deltasql.core.CacheStatistics;
import io.deltasql.core.CatalogStats;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlVersion;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.PoolStats;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code sys} schema: the catalog's connection pool, its snapshot caches, the mirror status of
 * every table, the connection's query plan cache, and what the catalog is (never with its credentials).
 */
public final class SysSchema extends AbstractSchema {
    private final DeltaCatalog catalog;
    private final DeltaSession session;

    public SysSchema(DeltaCatalog catalog) {
        this(catalog, null);
    }

    /** With the connection's session, {@code sys.cache} also shows the connection's query plan cache. */
    public SysSchema(DeltaCatalog catalog, DeltaSession session) {
        this.catalog = catalog;
        this.session = session;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put(
                "pool",
                new ListTable<>(
                        new Columns<PoolStats>()
                                .notNull("active", SqlTypeName.INTEGER, PoolStats::active)
                                .notNull("idle", SqlTypeName.INTEGER, PoolStats::idle)
                                .notNull("waiting", SqlTypeName.INTEGER, PoolStats::waiting)
                                .notNull("total", SqlTypeName.INTEGER, PoolStats::total)
                                .notNull("maximum", SqlTypeName.INTEGER, PoolStats::maximum),
                        () -> List.of(catalog.stats().pool())));
        tables.put(
                "cache",
                new ListTable<>(
                        new Columns<CacheStatistics>()
                                .notNull("name", SqlTypeName.VARCHAR, CacheStatistics::name)
                                .notNull("hits", SqlTypeName.BIGINT, CacheStatistics::hits)
                                .notNull("misses", SqlTypeName.BIGINT, CacheStatistics::misses)
                                .notNull("evictions", SqlTypeName.BIGINT, CacheStatistics::evictions)
                                .notNull("size", SqlTypeName.BIGINT, CacheStatistics::size)
                                .notNull("weight", SqlTypeName.BIGINT, CacheStatistics::weight)
                                .notNull("hit_ratio", SqlTypeName.DOUBLE, CacheStatistics::hitRatio),
                        () -> {
                            CatalogStats s = catalog.stats();
                            return session == null
                                    ? List.of(s.snapshotHeaders(), s.fileLists())
                                    : List.of(
                                            s.snapshotHeaders(),
                                            s.fileLists(),
                                            session.plans().statistics());
                        }));
        tables.put(
                "mirror",
                new ListTable<>(
                        new Columns<MirrorStatus>()
                                .notNull("table_name", SqlTypeName.VARCHAR, MirrorStatus::table)
                                .notNull("head_version", SqlTypeName.BIGINT, MirrorStatus::headVersion)
                                .notNull("mirrored_version", SqlTypeName.BIGINT, MirrorStatus::mirroredVersion)
                                .notNull("pending_versions", SqlTypeName.BIGINT, m ->
                                        (long) m.pending().size())
                                .add(
                                        "last_error",
                                        SqlTypeName.VARCHAR,
                                        m -> m.pending().stream()
                                                .map(MirrorStatus.PendingVersion::lastError)
                                                .filter(Objects::nonNull)
                                                .reduce((a, b) -> b)
                                                .orElse(null))
                                .add("blocked_reason", SqlTypeName.VARCHAR, MirrorStatus::mirrorBlockedReason),
                        this::mirrorStatuses));
        tables.put(
                "catalog",
                new ListTable<>(
                        new Columns<Map.Entry<String, String>>()
                                .notNull("property_key", SqlTypeName.VARCHAR, Map.Entry::getKey)
                                .add("property_value", SqlTypeName.VARCHAR, Map.Entry::getValue),
                        () -> List.copyOf(Map.of(
                                        "catalog_url",
                                        catalog.config().redactedUrl(),
                                        "deltasql_version",
                                        DeltaSqlVersion.VERSION,
                                        "pool_size",
                                        String.valueOf(catalog.config().poolSize()),
                                        "cache_max_snapshots",
                                        String.valueOf(catalog.config().cacheMaxSnapshots()),
                                        "cache_max_files",
                                        String.valueOf(catalog.config().cacheMaxFiles()),
                                        "file_checkpoint_min_files",
                                        String.valueOf(catalog.config().fileCheckpointMinFiles()),
                                        "allowed_locations",
                                        catalog.config().allowedLocations().toString())
                                .entrySet())));
        FunctionTables.addTo(tables);
        return tables;
    }

    private List<MirrorStatus> mirrorStatuses() {
        List<MirrorStatus> statuses = new ArrayList<>();
        for (TableInfo t : catalog.listTables()) {
            try {
                statuses.add(catalog.mirrorStatus(t.name()));
            } catch (TableNotFoundException dropped) {
                // Dropped while listing.
            }
        }
        return statuses;
    }

    /** A small system table computed on every read. */
    static final class ListTable<T> extends VirtualTable<T> {
        private final Supplier<List<T>> rows;

        ListTable(Columns<T> columns, Supplier<List<T>> rows) {
            super(columns);
            this.rows = rows;
        }

        @Override
        CloseableIterator<T> read(List<RexNode> filters) {
            return CloseableIterator.of(rows.get().iterator());
        }
    }
}
