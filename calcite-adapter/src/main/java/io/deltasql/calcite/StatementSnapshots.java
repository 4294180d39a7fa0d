package io.deltasql.calcite;

import io.deltasql.core.Snapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The committed snapshots one statement execution has read under autocommit, by table: the
 * execution sees each table at the version that was latest when it first read it. Checking a
 * reused plan against a table and the scan that follows then share one head lookup, and a table
 * read twice in one statement is read at one version. Lives only while the execution runs
 * ({@link DeltaSession#beginStatement()}): the next execution looks every head up again.
 */
final class StatementSnapshots {
    private final Map<String, Snapshot> byTable = new HashMap<>();

    /** The table's snapshot in this execution: looked up on first use, the same one afterwards. */
    Snapshot snapshot(String table, Function<String, Snapshot> latest) {
        Snapshot s = byTable.get(table);
        if (s == null) {
            s = latest.apply(table);
            byTable.put(table, s);
        }
        return s;
    }
}
