package io.deltasql.calcite;

import java.util.List;
import org.apache.calcite.linq4j.Enumerable;

/**
 * A virtual table that turns the rows of an INSERT, DELETE or UPDATE into staged Delta changes,
 * all of one statement at once (never one commit per row).
 */
public interface DmlTarget {
    /**
     * Applies a statement's rows: for INSERT the new rows, for DELETE the matching rows, for
     * UPDATE the matching rows followed by the new values of {@code updateColumns}. Returns the
     * number of rows affected.
     */
    long apply(String operation, Enumerable<Object[]> rows, List<String> updateColumns);
}
