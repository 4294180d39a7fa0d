package io.deltasql.server;

import java.time.Duration;

/**
 * How the server treats logins beyond checking passwords: the backoff after failed logins, and
 * the two insecure set-ups it refuses unless told otherwise.
 *
 * @param backoffInitial how long attempts are refused after {@value LoginBackoff#FREE_FAILURES} failed logins in a row
 * @param backoffMax the longest refusal, however many failures follow
 * @param allowInsecureUsersFile start even when the users file is accessible to group or others
 * @param allowPlainHttpAuth serve BASIC authentication over plain HTTP on a non-loopback address
 */
public record LoginPolicy(
        Duration backoffInitial, Duration backoffMax, boolean allowInsecureUsersFile, boolean allowPlainHttpAuth) {
    public static final LoginPolicy DEFAULT =
            new LoginPolicy(LoginBackoff.DEFAULT_INITIAL, LoginBackoff.DEFAULT_MAX, false, false);

    public LoginPolicy {
        backoffInitial = backoffInitial == null ? LoginBackoff.DEFAULT_INITIAL : backoffInitial;
        backoffMax = backoffMax == null ? LoginBackoff.DEFAULT_MAX : backoffMax;
        if (backoffInitial.isNegative() || backoffInitial.isZero()) {
            throw new IllegalArgumentException(
                    "--login-backoff-initial-ms must be > 0, was " + backoffInitial.toMillis());
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("--login-backoff-max-ms (" + backoffMax.toMillis()
                    + ") must be at least --login-backoff-initial-ms (" + backoffInitial.toMillis() + ")");
        }
    }
}
