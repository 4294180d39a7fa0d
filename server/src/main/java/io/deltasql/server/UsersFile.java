package io.deltasql.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.util.security.Credential;

/**
 * The {@code --users} file, in Jetty's realm format: one {@code name: password, role} line per user.
 * The password is a bcrypt hash ({@code BCRYPT:$2a$…}, or a bare {@code $2a$…}/{@code $2b$…}/{@code $2y$…},
 * as {@code bin/deltasql hash-password} prints it), or one of Jetty's older forms: {@code OBF:}
 * (reversible), {@code MD5:}, {@code CRYPT:} or plain text, still accepted and reported as weak.
 * Roles are {@code reader} (queries only) and {@code writer} (queries and commits). A malformed
 * file is refused with its line number.
 */
final class UsersFile {
    static final Set<String> ROLES = Set.of("reader", "writer");

    /** One user: the credential its password is checked against, its roles, and how the password is stored. */
    record User(String name, Credential credential, Set<String> roles, String storage) {
        boolean weak() {
            return !"bcrypt".equals(storage);
        }
    }

    private final Path path;
    private final Map<String, User> users;

    private UsersFile(Path path, Map<String, User> users) {
        this.path = path;
        this.users = users;
    }

    static UsersFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + path + ": " + e.getMessage(), e);
        }
        Map<String, User> users = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        "users file " + path + ", line " + n + ": expected 'name: password, role'");
            }
            String user = line.substring(0, colon).strip();
            List<String> parts = Arrays.stream(line.substring(colon + 1).split(","))
                    .map(String::strip)
                    .toList();
            if (parts.size() < 2 || parts.get(0).isEmpty()) {
                throw new IllegalArgumentException("users file " + path + ", line " + n + ": user '"
                        + LogEscaper.escape(user) + "' needs a password and a role (reader or writer)");
            }
            Set<String> userRoles = Set.copyOf(parts.subList(1, parts.size()));
            for (String r : userRoles) {
                if (!ROLES.contains(r)) {
                    throw new IllegalArgumentException(
                            "users file " + path + ", line " + n + ": user '" + LogEscaper.escape(user)
                                    + "' has unknown role '" + LogEscaper.escape(r) + "' (use reader or writer)");
                }
            }
            String stored = parts.get(0);
            Credential credential;
            try {
                credential = BCryptCredential.isBCrypt(stored)
                        ? BCryptCredential.parse(stored)
                        : Credential.getCredential(stored);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "users file " + path + ", line " + n + ": user '" + LogEscaper.escape(user) + "': "
                                + e.getMessage(),
                        e);
            }
            users.put(user, new User(user, credential, userRoles, storage(stored)));
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users file " + path + " names no users");
        }
        return new UsersFile(path, users);
    }

    /** How a password field is stored, as Jetty's {@link Credential#getCredential} reads it. */
    private static String storage(String stored) {
        if (BCryptCredential.isBCrypt(stored)) {
            return "bcrypt";
        }
        for (String prefix : List.of("OBF:", "MD5:", "CRYPT:")) {
            if (stored.startsWith(prefix)) {
                return prefix.substring(0, prefix.length() - 1);
            }
        }
        return "plain text";
    }

    Path path() {
        return path;
    }

    /** The user of this name, or null. */
    User user(String name) {
        return users.get(name);
    }

    /** Users whose password is not a bcrypt hash: plain text, reversible (OBF) or a fast unsalted hash. */
    List<User> weakUsers() {
        return users.values().stream().filter(User::weak).toList();
    }

    /** The highest bcrypt cost in the file (0 without bcrypt hashes): unknown users are checked at this cost. */
    int highestBCryptCost() {
        return users.values().stream()
                .map(User::credential)
                .filter(BCryptCredential.class::isInstance)
                .mapToInt(c -> ((BCryptCredential) c).cost())
                .max()
                .orElse(0);
    }

    boolean isWriter(String user) {
        User u = users.get(user);
        return u != null && u.roles().contains("writer");
    }

    int size() {
        return users.size();
    }
}
