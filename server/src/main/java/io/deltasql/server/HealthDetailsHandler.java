package io.deltasql.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.CatalogUnavailableException;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.protocol.ActionCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * {@code GET /health/details}, for authenticated users (behind the same login as SQL): what the
 * anonymous {@code /health} does not say — how many tables, the mirror backlog, the tables the
 * mirror is blocked on, and the tables the catalog holds but cannot read, with why. It reads every
 * table's head (from the snapshot cache when it can): for people and occasional probes, not for a
 * load balancer's every-second check.
 */
final class HealthDetailsHandler extends AbstractHandler {
    static final String PATH = "/health/details";
    private final DeltaCatalog catalog;

    HealthDetailsHandler(DeltaCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!"GET".equals(request.getMethod()) || !PATH.equals(target)) {
            return;
        }
        ObjectNode body = ActionCodec.mapper().createObjectNode();
        int status;
        try {
            report(body);
            status = HttpServletResponse.SC_OK;
        } catch (CatalogUnavailableException e) {
            body.removeAll();
            body.put("status", "DOWN").put("catalog", "unreachable").put("error", e.getMessage());
            status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
        baseRequest.setHandled(true);
    }

    private void report(ObjectNode body) {
        ArrayNode unreadable = ActionCodec.mapper().createArrayNode();
        ArrayNode blocked = ActionCodec.mapper().createArrayNode();
        int tables = 0;
        for (TableInfo t : catalog.listTables()) {
            tables++;
            try {
                catalog.snapshot(t.name());
                MirrorStatus mirror = catalog.mirrorStatus(t.name());
                if (mirror.blocked()) {
                    blocked.addObject().put("table", t.name()).put("reason", mirror.blockedReason());
                }
            } catch (TableNotFoundException gone) {
                tables--; // dropped meanwhile
            } catch (CatalogUnavailableException down) {
                throw down;
            } catch (RuntimeException e) {
                unreadable.addObject().put("table", t.name()).put("error", abbreviate(e.getMessage()));
            }
        }
        body.put("status", unreadable.isEmpty() ? "UP" : "DEGRADED")
                .put("catalog", "reachable")
                .put("tables", tables)
                .put("mirror_backlog", catalog.pendingMirrors().size());
        body.set("unreadable_tables", unreadable);
        body.set("mirror_blocked_tables", blocked);
    }

    /** An error of an unreadable row can quote megabytes of it: the start says what is wrong. */
    private static String abbreviate(String message) {
        return message == null || message.length() <= 500 ? message : message.substring(0, 500) + "…";
    }
}
