package io.deltasql.core;

/** The catalog database cannot be reached or used. The URL in the message carries no password. */
public final class CatalogUnavailableException extends DeltaSqlException {
    public CatalogUnavailableException(String message, Throwable cause) {
        super(message, SqlStates.UNAVAILABLE, true, cause);
    }
}
