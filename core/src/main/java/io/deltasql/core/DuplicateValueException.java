package io.deltasql.core;

/** The request repeats what exists already (a file, a property, an applied transaction); nothing was changed. */
public class DuplicateValueException extends InvalidRequestException {
    public DuplicateValueException(String message) {
        super(message, SqlStates.DUPLICATE, null);
    }
}
