package io.deltasql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs refused logins with the user name (escaped: the client chose it) and address, never the password. */
final class LoginAuditHandler extends HandlerWrapper {
    private static final Logger LOG = LoggerFactory.getLogger(LoginAuditHandler.class);
    private final ServerMetrics metrics;

    LoginAuditHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        super.handle(target, baseRequest, request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            String user = userOf(request.getHeader("Authorization"));
            if (user != null) {
                metrics.failedLogin();
                LOG.warn("failed login for user '{}' from {}", LogEscaper.escape(user), request.getRemoteAddr());
            }
        }
    }

    /** The user name of a Basic or Digest Authorization header; the credentials themselves are not kept. */
    static String userOf(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "(malformed credentials)";
            }
        }
        Matcher m = Pattern.compile("username=\"([^\"]*)\"").matcher(authorization);
        return m.find() ? m.group(1) : null;
    }
}
