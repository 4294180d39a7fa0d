package io.deltasql.core;

/** An unexpected failure of the catalog database while serving a request; nothing was committed. */
public final class CatalogException extends DeltaSqlException {
    public CatalogException(String message, String sqlState, boolean retryable, Throwable cause) {
        super(message, sqlState, retryable, cause);
    }
}
