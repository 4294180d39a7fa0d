package io.deltasql.core;

/** The user or connection may not do what it asked (e.g. write through a read-only connection); nothing was changed. */
public final class PermissionDeniedException extends InvalidRequestException {
    public PermissionDeniedException(String message) {
        super(message, SqlStates.PERMISSION_DENIED, null);
    }
}
