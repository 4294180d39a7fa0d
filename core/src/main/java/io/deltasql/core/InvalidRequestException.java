package io.deltasql.core;

/**
 * A request deltasql refused; nothing was changed. The message names the table, the version and
 * what was wrong. Made as such, it is a bad value ({@link SqlStates#INVALID_VALUE}); its subclasses
 * are the other kinds of refusal, each with its own SQLState. Made by {@link DeltaSqlErrors}.
 */
public class InvalidRequestException extends DeltaSqlException {
    public InvalidRequestException(String message) {
        super(message, SqlStates.INVALID_VALUE);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, SqlStates.INVALID_VALUE, false, cause);
    }

    /** For the kinds of refusal (each subclass passes its own state) and states known only at run time ({@link DeltaSqlErrors#refused}). */
    protected InvalidRequestException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, false, cause);
    }
}
