package io.deltasql.calcite;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rex.RexNode;

/**
 * A virtual table as {@link DeltaTableScan}'s generated code calls it (public, as that code lives
 * outside this package). Not Calcite's {@code ProjectableFilterableTable}: Calcite's own rules would
 * turn scans of those into interpreted scans.
 */
public interface DeltaScannable {
    /**
     * The rows, as arrays of the given table columns (or, for a single column, its bare values);
     * {@code filters} (on the table's column indexes) may narrow the read, and the caller applies
     * them too.
     */
    Enumerable<Object> scan(DataContext root, List<RexNode> filters, int[] columns);
}
