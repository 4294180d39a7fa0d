package io.deltasql.server;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A bcrypt hash as a Jetty credential, checked with Spring Security's {@link BCrypt}: the slow,
 * salted hash the users file should hold ({@code bin/deltasql hash-password} makes one).
 */
public final class BCryptCredential extends Credential {
    /** The users file's explicit marker; a bare {@code $2a$…}, {@code $2b$…} or {@code $2y$…} hash is accepted too. */
    static final String PREFIX = "BCRYPT:";
    /** bcrypt's only limit on input: bytes after the 72nd are ignored, so longer passwords are refused when hashing. */
    public static final int MAX_PASSWORD_BYTES = 72;

    public static final int DEFAULT_COST = 12;
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;
    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./0-9A-Za-z]{53}");
    /** Any {@code $2…$} start, so that an unsupported variant ({@code $2x$}) is refused rather than taken as plain text. */
    private static final Pattern LOOKS_LIKE_BCRYPT = Pattern.compile("\\$2[a-z]?\\$");

    private static final long serialVersionUID = 1L;

    private final String hash;

    private BCryptCredential(String hash) {
        this.hash = hash;
    }

    /** Whether the users file's password field is meant as a bcrypt hash (then it must be a well-formed one, $2a$, $2b$ or $2y$). */
    static boolean isBCrypt(String stored) {
        return stored.startsWith(PREFIX) || LOOKS_LIKE_BCRYPT.matcher(stored).lookingAt();
    }

    /** Parses {@code BCRYPT:$2a$…} or {@code $2a$…}; a malformed hash is refused rather than never matching. */
    static BCryptCredential parse(String stored) {
        String hash = stored.startsWith(PREFIX) ? stored.substring(PREFIX.length()) : stored;
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException(
                    "not a bcrypt hash ($2a$, $2b$ or $2y$, a cost of 04 to 31, then 53 characters of "
                            + "salt and hash); make one with bin/deltasql hash-password");
        }
        return new BCryptCredential(hash);
    }

    /** A users-file hash of {@code password} with a fresh salt, at {@code cost} (2^cost rounds). */
    public static String hash(String password, int cost) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("the password is longer than bcrypt's " + MAX_PASSWORD_BYTES
                    + " bytes (UTF-8); bcrypt would ignore the rest");
        }
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException(
                    "the cost must be between " + MIN_COST + " and " + MAX_COST + ", was " + cost);
        }
        return PREFIX + BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    /** The cost (log2 of the rounds) this hash was made with. */
    int cost() {
        return Integer.parseInt(hash.substring(4, 6));
    }

    @Override
    public boolean check(Object credentials) {
        String password;
        if (credentials instanceof String s) {
            password = s;
        } else if (credentials instanceof char[] chars) {
            password = new String(chars);
        } else if (credentials instanceof Password p) {
            password = p.toString();
        } else {
            return false;
        }
        return BCrypt.checkpw(password, hash);
    }
}
