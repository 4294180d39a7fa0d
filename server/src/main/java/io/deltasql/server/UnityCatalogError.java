package io.deltasql.server;

import io.deltasql.core.BlockedRequestException;
import io.deltasql.core.CatalogUnavailableException;
import io.deltasql.core.ConflictException;
import io.deltasql.core.DuplicateValueException;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.PermissionDeniedException;
import io.deltasql.core.TableAlreadyExistsException;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.mirror.UnsupportedLocationException;
import java.io.UncheckedIOException;

/**
 * An error answered in Unity Catalog's form: an HTTP status (which is what Delta's Unity Catalog
 * client acts on: 409 makes it resolve a conflict and retry, 429 and 5xx make it retry as is) and
 * a body {@code {"error_code": …, "message": …}}.
 */
final class UnityCatalogError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    UnityCatalogError(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    static UnityCatalogError invalid(String message) {
        return new UnityCatalogError(400, "INVALID_PARAMETER_VALUE", message);
    }

    static UnityCatalogError notFound(String message) {
        return new UnityCatalogError(404, "NOT_FOUND", message);
    }

    static UnityCatalogError unauthenticated(String message) {
        return new UnityCatalogError(401, "UNAUTHENTICATED", message);
    }

    static UnityCatalogError permissionDenied(String message) {
        return new UnityCatalogError(403, "PERMISSION_DENIED", message);
    }

    /**
     * The answer for what the catalog threw, or null for an unexpected failure (an internal error,
     * logged by the caller). A conflict is 409 (the client re-reads and retries); a table blocked by
     * an outside writer is a precondition the client cannot fix by retrying.
     */
    static UnityCatalogError of(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UnityCatalogError uc) {
            return uc;
        }
        if (e instanceof ConflictException) {
            return new UnityCatalogError(409, "ALREADY_EXISTS", message);
        }
        if (e instanceof TableNotFoundException) {
            return notFound(message);
        }
        if (e instanceof TableAlreadyExistsException) {
            return new UnityCatalogError(409, "TABLE_ALREADY_EXISTS", message);
        }
        if (e instanceof BlockedRequestException) {
            return new UnityCatalogError(412, "FAILED_PRECONDITION", message);
        }
        if (e instanceof PermissionDeniedException) {
            return permissionDenied(message);
        }
        if (e instanceof DuplicateValueException) {
            return new UnityCatalogError(409, "ALREADY_EXISTS", message);
        }
        if (e instanceof InvalidRequestException || e instanceof UnsupportedLocationException) {
            return invalid(message);
        }
        if (e instanceof CatalogUnavailableException || e instanceof UncheckedIOException) {
            return new UnityCatalogError(503, "TEMPORARILY_UNAVAILABLE", message);
        }
        return null;
    }
}
