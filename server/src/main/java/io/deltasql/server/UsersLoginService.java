package io.deltasql.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Subject;
import javax.servlet.ServletRequest;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.server.UserIdentity;
import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty's login service for the {@link UsersFile}: checks a BASIC login's password against the
 * user's stored credential (bcrypt, or Jetty's older forms), and tells {@link LoginBackoff} how
 * each attempt went.
 *
 * <p>BASIC sends the password with every request, and a bcrypt check costs tens to hundreds of
 * milliseconds by design, so a password that passed is remembered for a few minutes as a keyed
 * HMAC (never in clear): later requests with it are one HMAC. A name not in the file is checked
 * against a dummy hash of the file's highest cost, so a failed login takes as long whether or not
 * the user exists.
 */
final class UsersLoginService extends AbstractLoginService {
    private static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(5);

    private final UsersFile users;
    private final LoginBackoff backoff;
    private final Credential unknownUser;
    private final byte[] hmacKey = new byte[32];
    /** User name to the HMAC of the password that last passed the full check. */
    private final Cache<String, byte[]> verified = Caffeine.newBuilder()
            .maximumSize(LoginBackoff.MAX_TRACKED)
            .expireAfterWrite(REMEMBER_VERIFIED)
            .build();

    UsersLoginService(UsersFile users, LoginBackoff backoff) {
        this.users = users;
        this.backoff = backoff;
        setName("deltasql");
        SecureRandom random = new SecureRandom();
        random.nextBytes(hmacKey);
        int cost = users.highestBCryptCost();
        byte[] dummy = new byte[16];
        random.nextBytes(dummy);
        this.unknownUser = cost == 0
                ? null
                : BCryptCredential.parse(BCryptCredential.hash(HexFormat.of().formatHex(dummy), cost));
    }

    @Override
    public UserIdentity login(String username, Object credentials, ServletRequest request) {
        String address = request == null ? "" : request.getRemoteAddr();
        UserIdentity identity = loginChecked(username, credentials);
        if (identity != null) {
            backoff.succeeded(username, address);
        } else if (username != null) {
            backoff.failed(username, address);
        }
        return identity;
    }

    private UserIdentity loginChecked(String username, Object credentials) {
        if (username == null || !(credentials instanceof String password)) {
            return null;
        }
        UsersFile.User user = users.user(username);
        if (user == null) {
            if (unknownUser != null) {
                unknownUser.check(password);
            }
            return null;
        }
        byte[] mac = hmac(username, password);
        byte[] known = verified.getIfPresent(username);
        if (known == null || !MessageDigest.isEqual(known, mac)) {
            if (!user.credential().check(password)) {
                return null;
            }
            verified.put(username, mac);
        }
        UserPrincipal principal = new UserPrincipal(username, user.credential());
        Subject subject = new Subject();
        subject.getPrincipals().add(principal);
        subject.setReadOnly();
        return getIdentityService()
                .newUserIdentity(subject, principal, user.roles().toArray(String[]::new));
    }

    @Override
    protected String[] loadRoleInfo(UserPrincipal user) {
        UsersFile.User u = users.user(user.getName());
        return u == null ? new String[0] : u.roles().toArray(String[]::new);
    }

    @Override
    protected UserPrincipal loadUserInfo(String username) {
        UsersFile.User u = users.user(username);
        return u == null ? null : new UserPrincipal(username, u.credential());
    }

    private byte[] hmac(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
