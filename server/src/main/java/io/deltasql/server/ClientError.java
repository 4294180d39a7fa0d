package io.deltasql.server;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * An error as a remote client receives it: message, vendor code and SQLState carried in Avatica's
 * error response, and no server stack trace (Avatica would send the cause chain's traces).
 */
final class ClientError extends AvaticaRuntimeException {
    ClientError(String message, int errorCode, String sqlState) {
        super(message == null ? "error" : message, errorCode, sqlState, AvaticaSeverity.ERROR);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
