package io.deltasql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Sits in front of authentication: a request whose credentials name a user in {@link LoginBackoff}
 * from this address is answered {@code 429 Too Many Requests} with {@code Retry-After}, and its
 * password is not checked at all, right or wrong.
 */
final class LoginThrottleHandler extends HandlerWrapper {
    private final LoginBackoff backoff;
    private final ServerMetrics metrics;

    LoginThrottleHandler(LoginBackoff backoff, ServerMetrics metrics) {
        this.backoff = backoff;
        this.metrics = metrics;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String user = LoginAuditHandler.userOf(request.getHeader("Authorization"));
        Duration wait = user == null ? Duration.ZERO : backoff.remaining(user, request.getRemoteAddr());
        if (wait.isZero()) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        metrics.throttledLogin();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(seconds));
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream()
                .write(("too many failed logins for this user from this address; retry after " + seconds + " s\n")
                        .getBytes(StandardCharsets.UTF_8));
        baseRequest.setHandled(true);
    }
}
