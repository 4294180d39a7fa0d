package io.deltasql.core;

/**
 * The table or catalog is in a state that refuses the request until something else is done first
 * (e.g. a table an outside writer changed accepts no commit until it is re-imported); nothing was changed.
 */
public final class BlockedRequestException extends InvalidRequestException {
    public BlockedRequestException(String message) {
        super(message, SqlStates.BLOCKED, null);
    }
}
