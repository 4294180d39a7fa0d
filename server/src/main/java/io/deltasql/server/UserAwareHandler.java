package io.deltasql.server;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.DelegatingAvaticaHandler;
import org.eclipse.jetty.server.Request;

/**
 * Avatica's protocol handler, run with the authenticated user (and whether it may write) known to
 * the thread that serves the request, and timed for the metrics.
 */
final class UserAwareHandler extends DelegatingAvaticaHandler {
    private final AvaticaHandler avatica;
    private final UsersFile users;
    private final ServerMetrics metrics;

    UserAwareHandler(AvaticaHandler avatica, UsersFile users, ServerMetrics metrics) {
        super(avatica);
        this.avatica = avatica;
        this.users = users;
        this.metrics = metrics;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String name = request.getRemoteUser();
        RemoteUser.set(
                users == null
                        ? RemoteUser.ANONYMOUS_WRITER
                        : new RemoteUser(name == null ? "" : name, name != null && users.isWriter(name)));
        long start = System.nanoTime();
        try {
            avatica.handle(target, baseRequest, request, response);
        } finally {
            RemoteUser.clear();
            metrics.requests().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (response.getStatus() >= 400) {
                metrics.requestFailed();
            }
        }
    }

    @Override
    public void setServerRpcMetadata(RpcMetadataResponse metadata) {
        avatica.setServerRpcMetadata(metadata);
    }
}
