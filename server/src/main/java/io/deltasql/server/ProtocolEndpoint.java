package io.deltasql.server;

import io.deltasql.core.SqlStates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The Avatica protocol endpoint (in place of Avatica's own JSON and protobuf handlers): a request
 * body larger than {@code maxRequestBytes} is refused before it is read into memory, and a failure
 * outside deltasql's error handling reaches the client as {@link ProtocolErrors} puts it.
 */
final class ProtocolEndpoint extends AbstractHandler implements AvaticaHandler {
    private final String format;
    private final String contentType;
    private final Function<byte[], HandlerResponse<byte[]>> exchange;
    private final Function<Exception, HandlerResponse<byte[]>> error;
    private final Consumer<RpcMetadataResponse> metadata;
    private final long maxRequestBytes;

    private ProtocolEndpoint(
            String format,
            String contentType,
            Function<byte[], HandlerResponse<byte[]>> exchange,
            Function<Exception, HandlerResponse<byte[]>> error,
            Consumer<RpcMetadataResponse> metadata,
            long maxRequestBytes) {
        this.format = format;
        this.contentType = contentType;
        this.exchange = exchange;
        this.error = error;
        this.metadata = metadata;
        this.maxRequestBytes = maxRequestBytes;
    }

    static ProtocolEndpoint protobuf(Service service, long maxRequestBytes) {
        ProtobufTranslation translation = new ProtobufTranslationImpl();
        AtomicReference<RpcMetadataResponse> server = new AtomicReference<>();
        ProtobufHandler handler = new ProtobufHandler(service, translation, NoopMetricsSystem.getInstance()) {
            @Override
            public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
                try {
                    return new HandlerResponse<>(
                            translation.serializeResponse(ProtocolErrors.response(e, "protobuf", server.get())),
                            HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        };
        return new ProtocolEndpoint(
                "protobuf",
                "application/octet-stream;charset=utf-8",
                handler::apply,
                handler::convertToErrorResponse,
                m -> {
                    server.set(m);
                    service.setRpcMetadata(m);
                    handler.setRpcMetadata(m);
                },
                maxRequestBytes);
    }

    static ProtocolEndpoint json(Service service, long maxRequestBytes) {
        AtomicReference<RpcMetadataResponse> server = new AtomicReference<>();
        JsonHandler handler = new JsonHandler(service, NoopMetricsSystem.getInstance()) {
            @Override
            public HandlerResponse<String> convertToErrorResponse(Exception e) {
                try {
                    return new HandlerResponse<>(
                            JsonService.MAPPER.writeValueAsString(ProtocolErrors.response(e, "JSON", server.get())),
                            HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        };
        return new ProtocolEndpoint(
                "JSON",
                "application/json;charset=utf-8",
                body -> bytes(handler.apply(new String(body, StandardCharsets.UTF_8))),
                e -> bytes(handler.convertToErrorResponse(e)),
                m -> {
                    server.set(m);
                    service.setRpcMetadata(m);
                    handler.setRpcMetadata(m);
                },
                maxRequestBytes);
    }

    private static HandlerResponse<byte[]> bytes(HandlerResponse<String> response) {
        return new HandlerResponse<>(response.getResponse().getBytes(StandardCharsets.UTF_8), response.getStatusCode());
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (!"POST".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream()
                    .write(("This endpoint takes Avatica " + format + " requests by POST.\n")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        HandlerResponse<byte[]> reply;
        byte[] body = readBody(request);
        if (body == null) {
            reply = error.apply(new ClientError(
                    "the request is larger than the server's limit of " + maxRequestBytes
                            + " bytes (--max-request-bytes): send fewer rows per statement",
                    0,
                    SqlStates.INVALID_VALUE));
        } else {
            reply = exchange.apply(body);
        }
        response.setContentType(contentType);
        response.setStatus(reply.getStatusCode());
        response.getOutputStream().write(reply.getResponse());
    }

    /** The body, or null when it is over the limit (read no further than the limit). */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
            return body.length > maxRequestBytes ? null : body;
        }
    }

    @Override
    public void setServerRpcMetadata(RpcMetadataResponse rpcMetadata) {
        metadata.accept(rpcMetadata);
    }
}
