package io.deltasql.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --users} file, in Jetty's realm format: one {@code name: password, role} line per user
 * (the password may be {@code OBF:}, {@code MD5:} or {@code CRYPT:} encoded). Roles are
 * {@code reader} (queries only) and {@code writer} (queries and commits). Passwords are checked by
 * Jetty; this class only reads the roles and refuses a malformed file.
 */
final class UsersFile {
    static final Set<String> ROLES = Set.of("reader", "writer");

    private final Path path;
    private final Map<String, Set<String>> roles;

    private UsersFile(Path path, Map<String, Set<String>> roles) {
        this.path = path;
        this.roles = roles;
    }

    static UsersFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + path + ": " + e.getMessage(), e);
        }
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("users file " + path + ", line " + n + ": expected 'name: password, role'");
            }
            String user = line.substring(0, colon).strip();
            List<String> parts = Arrays.stream(line.substring(colon + 1).split(",")).map(String::strip).toList();
            if (parts.size() < 2 || parts.get(0).isEmpty()) {
                throw new IllegalArgumentException("users file " + path + ", line " + n + ": user '" + user
                        + "' needs a password and a role (reader or writer)");
            }
            Set<String> userRoles = Set.copyOf(parts.subList(1, parts.size()));
            for (String r : userRoles) {
                if (!ROLES.contains(r)) {
                    throw new IllegalArgumentException("users file " + path + ", line " + n + ": user '" + user
                            + "' has unknown role '" + r + "' (use reader or writer)");
                }
            }
            roles.put(user, userRoles);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("users file " + path + " names no users");
        }
        return new UsersFile(path, roles);
    }

    Path path() {
        return path;
    }

    boolean isWriter(String user) {
        return roles.getOrDefault(user, Set.of()).contains("writer");
    }

    int size() {
        return roles.size();
    }
}
