package io.deltasql.server;

import io.deltasql.core.SqlStates;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told when a request fails outside deltasql's own error handling (a body that
 * does not decode, a request kind the server cannot answer): a short message with an id to find
 * the details in the server log — never the libraries' exception classes, messages or stack traces,
 * which Avatica would otherwise send.
 */
final class ProtocolErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrors.class);

    private ProtocolErrors() {}

    /**
     * The error response for a failed request: message, code, SQLState and severity, and the message
     * again as the only "server exception". Avatica's own would add the exception's printed form
     * ("AvaticaRuntimeException: [Messsage: …") and the stack traces of its causes. Avatica's client
     * words some errors itself without the server's message ("while preparing SQL: …") and keeps
     * only the server exceptions: so the reason still reaches it (and its printStackTrace).
     */
    static Service.ErrorResponse response(Exception e, String format, Service.RpcMetadataResponse metadata) {
        AvaticaRuntimeException client = forClient(e, format);
        return new Service.ErrorResponse(
                List.of(client.getErrorMessage()),
                client.getErrorMessage(),
                client.getErrorCode(),
                client.getSqlState(),
                client.getSeverity(),
                metadata);
    }

    /** The exception as a client may see it: deltasql's own errors as they are, anything else replaced. */
    static AvaticaRuntimeException forClient(Exception e, String format) {
        if (e instanceof AvaticaRuntimeException client) {
            return client;
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.warn("request refused as malformed or unsupported (error id {})", id, e);
        return new ClientError(
                "the server could not process this request: it is not a well-formed Avatica " + format
                        + " request of a kind this server answers (error id " + id + " in the server log)",
                0,
                SqlStates.PROTOCOL_VIOLATION);
    }
}
