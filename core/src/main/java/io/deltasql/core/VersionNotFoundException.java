package io.deltasql.core;

/** Time travel to a version or timestamp the table does not have. */
public final class VersionNotFoundException extends InvalidRequestException {
    public VersionNotFoundException(String message) {
        super(message);
    }
}
