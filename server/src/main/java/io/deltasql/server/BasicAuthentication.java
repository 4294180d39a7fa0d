package io.deltasql.server;

import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.util.security.Constraint;

/**
 * HTTP BASIC authentication over every path with the users file's roles, as Avatica's own
 * {@code withBasicAuthentication} sets it up, but with our login service (bcrypt, backoff) instead
 * of Jetty's {@code HashLoginService}.
 */
final class BasicAuthentication {
    private BasicAuthentication() {}

    static ConstraintSecurityHandler securityHandler(LoginService loginService) {
        Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, Constraint.ANY_ROLE);
        constraint.setRoles(UsersFile.ROLES.toArray(String[]::new));
        // Unauthenticated requests never pass.
        constraint.setAuthenticate(true);
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setConstraint(constraint);
        mapping.setPathSpec("/*");
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(loginService);
        security.setRealmName(loginService.getName());
        security.setConstraintMappings(new ConstraintMapping[] {mapping});
        return security;
    }
}
