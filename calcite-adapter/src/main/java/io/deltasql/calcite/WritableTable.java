package io.deltasql.calcite;

/**
 * A virtual table that accepts DML: {@link DeltaTableModifyRule} plans INSERT, DELETE and UPDATE
 * on it so that every row of a statement reaches {@link #apply} in one call.
 */
abstract class WritableTable<T> extends VirtualTable<T> implements DmlTarget {
    WritableTable(Columns<T> columns) {
        super(columns);
    }
}
