package io.deltasql.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Unity Catalog REST API's subset that Delta's catalog-managed table clients use, under
 * {@value #BASE} on the server's port (same TLS). Clients authenticate with
 * {@code Authorization: Bearer <token>} (the {@code --tokens} file); readers may read, writers may
 * also create tables and commit. Without a users file (loopback only) every client is a writer, as
 * on the SQL endpoint. Other paths pass on to the SQL endpoint.
 */
final class UnityCatalogHandler extends AbstractHandler {
    static final String BASE = "/api/2.1/unity-catalog";
    private static final Logger LOG = LoggerFactory.getLogger(UnityCatalogHandler.class);
    /** The largest request body: a commit request is a few hundred bytes, a table definition a few KB per column. */
    private static final int MAX_BODY_BYTES = 4 << 20;

    private final UnityCatalogApi api;
    private final UsersFile users;
    private final BearerTokens tokens;
    private final ServerMetrics metrics;
    private final ObjectMapper json;

    UnityCatalogHandler(
            UnityCatalogApi api, UsersFile users, BearerTokens tokens, ServerMetrics metrics, ObjectMapper json) {
        this.api = api;
        this.users = users;
        this.tokens = tokens;
        this.metrics = metrics;
        this.json = json;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!target.equals(BASE) && !target.startsWith(BASE + "/")) {
            return;
        }
        baseRequest.setHandled(true);
        long start = System.nanoTime();
        String path = target.substring(BASE.length());
        String method = request.getMethod();
        RemoteUser user = null;
        try {
            user = authenticate(request);
            ObjectNode reply = route(method, path, request, user);
            write(response, 200, reply);
        } catch (RuntimeException e) {
            UnityCatalogError error = UnityCatalogError.of(e);
            if (error == null) {
                LOG.error("unity catalog API: {} {} failed", method, LogEscaper.escape(path), e);
                error = new UnityCatalogError(
                        500, "INTERNAL_ERROR", "internal error: " + e.getClass().getSimpleName());
            } else {
                LOG.debug(
                        "unity catalog API: {} {} by '{}': {} {}",
                        method,
                        LogEscaper.escape(path),
                        user == null ? "?" : LogEscaper.escape(user.name()),
                        error.status(),
                        LogEscaper.escape(error.getMessage()));
            }
            ObjectNode body = json.createObjectNode();
            body.put("error_code", error.errorCode());
            body.put("message", error.getMessage());
            if (error.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"deltasql\"");
            }
            write(response, error.status(), body);
        } finally {
            metrics.requests().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (response.getStatus() >= 400) {
                metrics.requestFailed();
            }
        }
    }

    private ObjectNode route(String method, String path, HttpServletRequest request, RemoteUser user)
            throws IOException {
        switch (method + " " + path) {
            case "GET /metastore_summary":
                return api.metastoreSummary();
            case "GET /delta/preview/commits":
                return api.getCommits(body(request, true));
            case "POST /delta/preview/commits":
                requireWriter(user, "commit");
                return api.postCommit(body(request, false));
            case "POST /tables":
                requireWriter(user, "create tables");
                return api.createTable(body(request, false));
            default:
                break;
        }
        if ("GET".equals(method) && path.startsWith("/tables/") && path.length() > "/tables/".length()) {
            return api.getTable(URLDecoder.decode(path.substring("/tables/".length()), StandardCharsets.UTF_8));
        }
        throw UnityCatalogError.notFound(method + " " + BASE + path + " is not an operation of this server"
                + " (it serves the Unity Catalog API of catalog-managed Delta tables: metastore_summary, tables,"
                + " delta/preview/commits)");
    }

    private RemoteUser authenticate(HttpServletRequest request) {
        if (users == null) {
            return RemoteUser.ANONYMOUS_WRITER;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw UnityCatalogError.unauthenticated("a bearer token is required (Authorization: Bearer <token>)");
        }
        String name = tokens == null ? null : tokens.user(header.substring(7).strip());
        if (name == null) {
            LOG.warn("unity catalog API: refused a bearer token from {}", request.getRemoteAddr());
            throw UnityCatalogError.unauthenticated(
                    tokens == null
                            ? "this server accepts no bearer tokens (it has no --tokens file)"
                            : "invalid token");
        }
        return new RemoteUser(name, users.isWriter(name));
    }

    private static void requireWriter(RemoteUser user, String what) {
        if (!user.writer()) {
            throw UnityCatalogError.permissionDenied(
                    "user '" + user.name() + "' may not " + what + ": it has the reader role");
        }
    }

    /** The request's JSON body; a GET may give its fields as query parameters instead. */
    private JsonNode body(HttpServletRequest request, boolean queryAllowed) throws IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new UnityCatalogError(413, "RESOURCE_EXHAUSTED", "request body over " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            ObjectNode fromQuery = json.createObjectNode();
            if (queryAllowed) {
                request.getParameterMap().forEach((k, v) -> fromQuery.put(k, v[0]));
                // Numbers given as query parameters arrive as text.
                for (String numeric : new String[] {"start_version", "end_version"}) {
                    if (fromQuery.hasNonNull(numeric)) {
                        fromQuery.put(
                                numeric,
                                parseLong(numeric, fromQuery.get(numeric).asText()));
                    }
                }
            }
            return fromQuery;
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw UnityCatalogError.invalid("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw UnityCatalogError.invalid("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static long parseLong(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw UnityCatalogError.invalid(field + " must be a whole number, was '" + value + "'");
        }
    }

    private void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
