package io.deltasql.core;

/**
 * Where deltasql makes the errors it reports: one method per kind, each returning the type that
 * carries the kind's SQLState, so a caller can catch by type and a client sees the state
 * {@link SqlStates} names. Callers throw what it returns ({@code throw DeltaSqlErrors.unsupported(…)}),
 * so the compiler still sees the throw.
 */
public final class DeltaSqlErrors {
    private DeltaSqlErrors() {}

    /** A bad value in the request ({@link SqlStates#INVALID_VALUE}). */
    public static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message);
    }

    /** A bad value in the request, found by what failed on it ({@link SqlStates#INVALID_VALUE}). */
    public static InvalidRequestException invalid(String message, Throwable cause) {
        return new InvalidRequestException(message, cause);
    }

    /** A request deltasql does not do ({@link SqlStates#UNSUPPORTED}). */
    public static UnsupportedRequestException unsupported(String message) {
        return new UnsupportedRequestException(message);
    }

    /** What the user or connection may not do ({@link SqlStates#PERMISSION_DENIED}). */
    public static PermissionDeniedException permissionDenied(String message) {
        return new PermissionDeniedException(message);
    }

    /** A request that repeats what exists already ({@link SqlStates#DUPLICATE}). */
    public static DuplicateValueException duplicate(String message) {
        return new DuplicateValueException(message);
    }

    /** A request the table or catalog refuses until something else is done first ({@link SqlStates#BLOCKED}). */
    public static BlockedRequestException blocked(String message) {
        return new BlockedRequestException(message);
    }

    /** A change that lost to a concurrent one ({@link SqlStates#CONFLICT}, retryable). */
    public static ConflictException conflict(String message, Throwable cause) {
        return new ConflictException(message, cause);
    }

    /** A catalog database that cannot be reached or used ({@link SqlStates#UNAVAILABLE}, retryable). */
    public static CatalogUnavailableException unavailable(String message, Throwable cause) {
        return new CatalogUnavailableException(message, cause);
    }

    /**
     * A refusal whose state is known only at run time, e.g. the state a catalog database gave for a
     * value it would not store: the typed kind when deltasql has one for the state, else a refusal
     * that keeps the state as it is.
     */
    public static InvalidRequestException refused(String message, String sqlState) {
        return switch (sqlState) {
            case SqlStates.INVALID_VALUE -> invalid(message);
            case SqlStates.UNSUPPORTED -> unsupported(message);
            case SqlStates.PERMISSION_DENIED -> permissionDenied(message);
            case SqlStates.DUPLICATE -> duplicate(message);
            case SqlStates.BLOCKED -> blocked(message);
            default -> new InvalidRequestException(message, sqlState, null);
        };
    }
}
