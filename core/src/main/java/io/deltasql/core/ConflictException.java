package io.deltasql.core;

/** A change lost to a concurrent one and was rolled back; re-read and retry. */
public class ConflictException extends DeltaSqlException {
    public ConflictException(String message, Throwable cause) {
        super(message, SqlStates.CONFLICT, true, cause);
    }
}
