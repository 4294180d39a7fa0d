package io.deltasql.calcite;

import io.deltasql.core.CatalogLimit;
import java.lang.reflect.Type;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/**
 * Calcite's statement preparation with the rule that turns DML on virtual tables into Delta
 * commits, and with each connection's plans of queries and DML reused when the same SQL text comes again
 * ({@link PlanCache}).
 */
public class DeltaSqlPrepare extends CalcitePrepareImpl {
    @Override
    protected RelOptPlanner createPlanner(
            CalcitePrepare.Context prepareContext,
            org.apache.calcite.plan.Context externalContext,
            RelOptCostFactory costFactory) {
        RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
        DeltaRules.register(planner);
        return planner;
    }

    @Override
    public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
        if (query.sql != null) {
            CatalogLimit.STATEMENT.check(
                    "SQL statement '" + query.sql.substring(0, Math.min(40, query.sql.length())) + "…'",
                    query.sql.length());
        }
        try {
            return prepareInScope(context, query, elementType, maxRowCount);
        } catch (RuntimeException e) {
            throw GeneratedCodeFailures.hideCode(e);
        }
    }

    private <T> CalciteSignature<T> prepareInScope(
            Context context, Query<T> query, Type elementType, long maxRowCount) {
        DeltaSession session = query.sql == null ? null : session(context);
        if (session == null) {
            return super.prepareSql(context, query, elementType, maxRowCount);
        }
        // Connection.prepareStatement runs outside any execution: a scope of its own lets the plan
        // check, the schema lookups and the row types share one head lookup per table.
        try (DeltaSession.StatementScope scope = session.beginStatement()) {
            return prepareOrReuse(context, query, elementType, maxRowCount, session);
        }
    }

    private <T> CalciteSignature<T> prepareOrReuse(
            Context context, Query<T> query, Type elementType, long maxRowCount, DeltaSession session) {
        PlanCache.Key key = new PlanCache.Key(query.sql, context.getDefaultSchemaPath(), maxRowCount, elementType);
        CalciteSignature<T> cached = session.plans().get(key, session);
        if (cached != null) {
            checkWritable(session, cached);
            return cached;
        }
        SchemaCaching.carryOver(context.getMutableRootSchema(), context.getRootSchema());
        PlanDependencies dependencies = new PlanDependencies();
        CalciteSignature<T> signature;
        try {
            signature = dependencies.collect(() -> super.prepareSql(context, query, elementType, maxRowCount));
        } catch (RuntimeException e) {
            // Permission before support: a reader's change is refused as such, whatever else is wrong with it.
            if (session.readOnly() && ChangeStatements.isChange(query.sql)) {
                session.checkWritable("change the catalog");
            }
            throw e;
        }
        checkWritable(session, signature);
        if (dependencies.reusable() && PlanCache.reusable(signature.statementType)) {
            session.plans().put(key, signature, dependencies.tables());
        }
        return signature;
    }

    /** A change is refused on a read-only session each time it is prepared, from a cached plan too. */
    private static void checkWritable(DeltaSession session, CalciteSignature<?> signature) {
        if (signature.statementType != null && signature.statementType.canUpdate()) {
            session.checkWritable("change the catalog");
        }
    }

    /** The connection's session, from its {@code delta} schema; null outside a deltasql connection. */
    private static DeltaSession session(Context context) {
        CalciteSchema delta = context.getRootSchema().getSubSchema("delta", true);
        return delta != null && delta.schema instanceof DeltaSchema schema ? schema.session() : null;
    }
}
