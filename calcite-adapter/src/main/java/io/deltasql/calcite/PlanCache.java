package io.deltasql.calcite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deltasql.core.CacheStatistics;
import io.deltasql.core.DeltaSqlException;
import java.lang.reflect.Type;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * One connection's plans of queries and DML it ran, by SQL text: BI tools send the same plain
 * statements again and again, an application commits with the same INSERT or DELETE, and Calcite
 * spends far longer planning a statement than running one over the catalog. A plan is reused only
 * while every Delta table it was built against has the same fingerprint; plans hold the
 * connection's own virtual tables, so they are never shared between connections. A plan holds no
 * snapshot and no values: its virtual tables read the session's current view of each table when
 * they run, parameters are bound per execution, and a DML plan stages and commits through the
 * session at each execution, which also checks permission then.
 */
final class PlanCache {
    static final int MAX_PLANS = 500;
    /**
     * Longer statements are not kept: a statement carrying a big literal list (an IN list of
     * 100,000 values) is rarely sent twice, and its text and the plan's rows would stay in memory.
     */
    static final int MAX_SQL_LENGTH = 65_536;

    /** The statements whose plans are kept: queries, and DML (which Calcite marks IS_DML whatever its kind). */
    private static final Set<Meta.StatementType> REUSABLE =
            EnumSet.of(Meta.StatementType.SELECT, Meta.StatementType.IS_DML);

    record Key(String sql, List<String> schemaPath, long maxRowCount, Type elementType) {}

    private record Plan(CalciteSignature<?> signature, Map<String, TableFingerprint> tables) {}

    private final Cache<Key, Plan> plans =
            Caffeine.newBuilder().maximumSize(MAX_PLANS).recordStats().build();
    private final LongAdder stale = new LongAdder();

    /** Whether plans of this kind of statement are kept (DDL and anything else is prepared every time). */
    static boolean reusable(Meta.StatementType type) {
        return type != null && REUSABLE.contains(type);
    }

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
    CacheStatistics statistics() {
        plans.cleanUp();
        var s = plans.stats();
        long size = plans.estimatedSize();
        long staleCount = stale.sum();
        return new CacheStatistics(
                "query_plans",
                s.hitCount() - staleCount,
                s.missCount() + staleCount,
                s.evictionCount() + staleCount,
                size,
                size);
    }

    private static TableFingerprint fingerprint(DeltaSession session, String table) {
        try {
            return TableFingerprint.of(session.view(table).metadata());
        } catch (DeltaSqlException gone) {
            return null; // dropped: preparing again reports it properly
        }
    }
}
