package io.deltasql.server;

import io.deltasql.core.DeltaCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} ({@code UP}, or 503 {@code DOWN} when the catalog is unreachable) and
 * {@code GET /metrics} (Prometheus text). Served before authentication, like load balancers and
 * scrapers expect; they show no data and no credentials.
 */
final class OpsHandler extends AbstractHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHandler.class);
    private final DeltaCatalog catalog;
    private final ServerMetrics metrics;
    /** The last health answer, so that a down catalog is logged once, not at every probe. */
    private final AtomicBoolean up = new AtomicBoolean(true);

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
            case "/metrics" ->
                respond(
                        baseRequest,
                        response,
                        new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
            default -> {}
        }
    }

    private record Reply(int status, String contentType, String body) {}

    /**
     * UP or DOWN only: the endpoint answers anyone, so it names no host, database, user, error or
     * table count (those are in the sys tables, for authenticated clients). Why the catalog is
     * unreachable goes to the server's log, once per change from UP to DOWN.
     */
    private Reply health() {
        try {
            catalog.listTables();
            if (!up.getAndSet(true)) {
                LOG.info("health: the catalog database is reachable again");
            }
            return new Reply(200, "application/json", "{\"status\":\"UP\"}");
        } catch (RuntimeException e) {
            if (up.getAndSet(false)) {
                LOG.warn(
                        "health: the catalog database is unreachable: {}",
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            return new Reply(503, "application/json", "{\"status\":\"DOWN\"}");
        }
    }

    private static void respond(Request baseRequest, HttpServletResponse response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        response.getOutputStream().write(reply.body().getBytes(StandardCharsets.UTF_8));
        baseRequest.setHandled(true);
    }
}
