package io.deltasql.core.protocol;

/** A log line that is not a valid Delta action; the message names the action kind and field. */
public final class InvalidActionException extends IllegalArgumentException {
    public InvalidActionException(String message) {
        super(message);
    }

    public InvalidActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
