package io.deltasql.core;

/** The named Delta table is not registered in the catalog. */
public final class TableNotFoundException extends DeltaSqlException {
    private final String table;

    public TableNotFoundException(String table) {
        super("Delta table '" + table + "' does not exist in the catalog", SqlStates.TABLE_NOT_FOUND);
        this.table = table;
    }

    public String table() {
        return table;
    }
}
