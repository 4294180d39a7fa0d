package io.deltasql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code --tokens} file: the bearer tokens of the users in the users file, for clients that
 * send {@code Authorization: Bearer <token>} (Delta's Unity Catalog clients). One
 * {@code name: SHA256:<hex>} line per token, as {@code bin/deltasql new-token} prints it; the file
 * holds only the tokens' SHA-256 digests (a token is 256 random bits, so a plain digest is as hard
 * to reverse as the token is to guess). A user may have several tokens; the user's role is the
 * users file's.
 */
public final class BearerTokens {
    private static final String PREFIX = "SHA256:";
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final String TOKEN_PREFIX = "dsql_";

    private final Map<String, String> userByDigest;

    private BearerTokens(Map<String, String> userByDigest) {
        this.userByDigest = userByDigest;
    }

    /** Reads the file; every user it names must be in {@code users}. A malformed file is refused with its line number. */
    static BearerTokens read(Path path, UsersFile users) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the tokens file " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> byDigest = new HashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String user = colon <= 0 ? "" : line.substring(0, colon).strip();
            String digest = colon <= 0 ? "" : line.substring(colon + 1).strip();
            if (user.isEmpty()
                    || !digest.startsWith(PREFIX)
                    || !DIGEST.matcher(digest.substring(PREFIX.length())).matches()) {
                throw new IllegalArgumentException("tokens file " + path + ", line " + n
                        + ": expected 'name: SHA256:<64 hex digits>' (bin/deltasql new-token prints it)");
            }
            if (users.user(user) == null) {
                throw new IllegalArgumentException("tokens file " + path + ", line " + n + ": user '"
                        + LogEscaper.escape(user) + "' is not in the users file " + users.path());
            }
            if (byDigest.putIfAbsent(digest.substring(PREFIX.length()), user) != null) {
                throw new IllegalArgumentException("tokens file " + path + ", line " + n + ": the same token twice");
            }
        }
        return new BearerTokens(byDigest);
    }

    /** The user a presented token belongs to, or null. */
    String user(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        return userByDigest.get(digest(token));
    }

    int size() {
        return userByDigest.size();
    }

    /** A new random token (256 bits, URL-safe) and the tokens-file line for {@code user}. */
    public static Minted mint(String user) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Minted(token, user + ": " + PREFIX + digest(token));
    }

    /** A minted token and the line that lets its user in. */
    public record Minted(String token, String fileLine) {}

    private static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)))
                    .toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
