package io.deltasql.core;

/** A table with that name is already registered. */
public final class TableAlreadyExistsException extends DeltaSqlException {
    public TableAlreadyExistsException(String table) {
        super("Delta table '" + table + "' already exists in the catalog", SqlStates.TABLE_EXISTS);
    }
}
