package io.deltasql.core;

/** A request deltasql does not do (a feature, an operation, a change of a setting); nothing was changed. */
public class UnsupportedRequestException extends InvalidRequestException {
    public UnsupportedRequestException(String message) {
        super(message, SqlStates.UNSUPPORTED, null);
    }
}
