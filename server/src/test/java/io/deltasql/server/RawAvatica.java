package io.deltasql.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica requests sent as they are, over HTTP with BASIC credentials, in protobuf or JSON: what an
 * attacker can send, with any connection and statement ids, without a driver in between.
 */
final class RawAvatica {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String url;
    private final boolean json;
    private final String authorization;
    private final ProtobufTranslation protobuf = new ProtobufTranslationImpl();

    RawAvatica(String url, String serialization, String user, String password) {
        this.url = url;
        this.json = serialization.equals("json");
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request and decodes the response (an {@link Service.ErrorResponse} when the server refused it). */
    Service.Response send(Service.Request request) throws Exception {
        return decode(post(encode(request)).body());
    }

    byte[] encode(Service.Request request) throws Exception {
        if (!json) {
            return protobuf.serializeRequest(request);
        }
        if (request instanceof Service.SyncResultsRequest sync) {
            // Jackson cannot write a QueryState while assertions are on (its getters assert the state's type).
            return JsonService.MAPPER.writeValueAsBytes(Map.of(
                    "request",
                    "syncResults",
                    "connectionId",
                    sync.connectionId,
                    "statementId",
                    sync.statementId,
                    "offset",
                    sync.offset,
                    "state",
                    Map.of("type", "SQL", "sql", sync.state.sql)));
        }
        return JsonService.MAPPER.writeValueAsBytes(request);
    }

    /** Posts raw bytes as a request body. */
    HttpResponse<byte[]> post(byte[] body) throws Exception {
        HttpRequest http = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .header("Content-Type", json ? "application/json" : "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(http, HttpResponse.BodyHandlers.ofByteArray());
    }

    Service.Response decode(byte[] body) throws Exception {
        return json ? JsonService.MAPPER.readValue(body, Service.Response.class) : protobuf.parseResponse(body);
    }
}
