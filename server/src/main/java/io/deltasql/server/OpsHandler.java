package io.deltasql.server;

import io.deltasql.core.DeltaCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * {@code GET /health} (catalog reachable, mirror backlog; 503 when the catalog is not) and
 * {@code GET /metrics} (Prometheus text). Served before authentication, like load balancers and
 * scrapers expect; they show no data and no credentials.
 */
final class OpsHandler extends AbstractHandler {
    private final DeltaCatalog catalog;
    private final ServerMetrics metrics;

    OpsHandler(DeltaCatalog catalog, ServerMetrics metrics) {
        this.catalog = catalog;
        this.metrics = metrics;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        switch (target) {
            case "/health" -> respond(baseRequest, response, health());
            case "/metrics" -> respond(baseRequest, response,
                    new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
            default -> {
            }
        }
    }

    private record Reply(int status, String contentType, String body) {
    }

    private Reply health() {
        try {
            int tables = catalog.listTables().size();
            int backlog = catalog.pendingMirrors().size();
            return new Reply(200, "application/json", "{\"status\":\"UP\",\"catalog\":\"reachable\",\"tables\":" + tables
                    + ",\"mirror_backlog\":" + backlog + "}");
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Reply(503, "application/json", "{\"status\":\"DOWN\",\"catalog\":\"unreachable\",\"error\":"
                    + io.deltasql.core.protocol.ActionCodec.mapper().valueToTree(why) + "}");
        }
    }

    private static void respond(Request baseRequest, HttpServletResponse response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        response.getOutputStream().write(reply.body().getBytes(StandardCharsets.UTF_8));
        baseRequest.setHandled(true);
    }
}
