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

    /**
     * A refusal with any SQLState.
     *
     * @deprecated the state does not show in the type; use {@link DeltaSqlErrors}, whose methods
     *     make the typed kind ({@link DeltaSqlErrors#refused} for a state known only at run time)
     */
    @Deprecated
    public InvalidRequestException(String message, String sqlState) {
        super(message, sqlState);
    }

    /** For the kinds of refusal: each subclass passes its own state. */
    protected InvalidRequestException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, false, cause);
    }
}
