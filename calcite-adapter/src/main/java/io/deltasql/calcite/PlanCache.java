package io.deltasql.calcite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deltasql.core.DeltaSqlException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * One connection's plans of queries it ran, by SQL text: BI tools send the same plain statements
 * again and again, and Calcite spends far longer planning a query than running one over the
 * catalog. A plan is reused only while every Delta table it was built against has the same
 * fingerprint; plans hold the connection's own virtual tables, so they are never shared between
 * connections.
 */
final class PlanCache {
    static final int MAX_PLANS = 500;
    /**
     * Longer statements are not kept: a statement carrying a big literal list (an IN list of
     * 100,000 values) is rarely sent twice, and its text and the plan's rows would stay in memory.
     */
    static final int MAX_SQL_LENGTH = 65_536;

    record Key(String sql, List<String> schemaPath, long maxRowCount, Type elementType) {
    }

    private record Plan(CalciteSignature<?> signature, Map<String, TableFingerprint> tables) {
    }

    private final Cache<Key, Plan> plans = Caffeine.newBuilder().maximumSize(MAX_PLANS).recordStats().build();
    private final java.util.concurrent.atomic.LongAdder stale = new java.util.concurrent.atomic.LongAdder();

    /** The cached plan for the key if the tables it was built against are unchanged; otherwise null. */
    @SuppressWarnings("unchecked")
    <T> CalciteSignature<T> get(Key key, DeltaSession session) {
        Plan plan = plans.getIfPresent(key);
        if (plan == null) {
            return null;
        }
        for (Map.Entry<String, TableFingerprint> t : plan.tables().entrySet()) {
            if (!t.getValue().equals(fingerprint(session, t.getKey()))) {
                plans.invalidate(key);
                stale.increment();
                return null;
            }
        }
        return (CalciteSignature<T>) plan.signature();
    }

    void put(Key key, CalciteSignature<?> signature, Map<String, TableFingerprint> tables) {
        if (key.sql().length() > MAX_SQL_LENGTH) {
            return;
        }
        plans.put(key, new Plan(signature, tables));
    }

    /** Hits, misses (stale plans count as misses) and evictions (including stale plans dropped). */
    io.deltasql.core.CacheStatistics statistics() {
        plans.cleanUp();
        var s = plans.stats();
        long size = plans.estimatedSize();
        long staleCount = stale.sum();
        return new io.deltasql.core.CacheStatistics("query_plans", s.hitCount() - staleCount, s.missCount() + staleCount,
                s.evictionCount() + staleCount, size, size);
    }

    private static TableFingerprint fingerprint(DeltaSession session, String table) {
        try {
            return TableFingerprint.of(session.view(table).metadata());
        } catch (DeltaSqlException gone) {
            return null; // dropped: preparing again reports it properly
        }
    }
}
