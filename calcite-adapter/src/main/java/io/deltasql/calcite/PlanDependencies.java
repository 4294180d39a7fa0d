package io.deltasql.calcite;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Delta tables a statement's plan was built against, collected on the preparing thread while
 * Calcite resolves names; and whether the plan may be reused at all (not when it names a table
 * created in the open transaction, or resolves a time-travel timestamp that later commits could
 * move).
 */
final class PlanDependencies {
    private static final ThreadLocal<PlanDependencies> CURRENT = new ThreadLocal<>();

    private final Map<String, TableFingerprint> tables = new HashMap<>();
    private boolean reusable = true;

    /** Runs a preparation, collecting what it depends on into this. */
    <T> T collect(Supplier<T> preparation) {
        PlanDependencies outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return preparation.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Records a table the plan names; its fingerprint is only computed while a plan is being prepared. */
    static void table(String name, Supplier<TableFingerprint> fingerprint) {
        PlanDependencies d = CURRENT.get();
        if (d != null) {
            d.tables.put(name, fingerprint.get());
        }
    }

    static void notReusable() {
        PlanDependencies d = CURRENT.get();
        if (d != null) {
            d.reusable = false;
        }
    }

    boolean reusable() {
        return reusable;
    }

    Map<String, TableFingerprint> tables() {
        return Map.copyOf(tables);
    }
}
