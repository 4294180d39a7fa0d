package io.deltasql.core.internal.mirror;

import io.deltasql.core.mirror.UnsupportedLocationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a table's location into a local directory: a plain absolute path, or a {@code file:} URI
 * ({@code file:/d/t}, {@code file:///d/t}, {@code file://localhost/d/t}). Anything else (s3:,
 * abfss:, hdfs:, …) is refused with {@link UnsupportedLocationException}.
 */
public final class TableLocations {
    private TableLocations() {}

    /** The table's directory; its log is {@code resolve("_delta_log")}. */
    public static Path directory(String table, String location) {
        if (location == null || location.isBlank()) {
            throw new UnsupportedLocationException("Delta table '" + table + "' has no location");
        }
        String scheme = scheme(location);
        if (scheme == null) {
            return plainPath(table, location);
        }
        if (!scheme.equals("file")) {
            throw new UnsupportedLocationException("Delta table '" + table + "': location '" + location + "' uses the "
                    + scheme + ": scheme; the _delta_log mirror supports only local paths and file: URIs");
        }
        return fileUri(table, location);
    }

    /** The table's {@code _delta_log} directory. */
    public static Path logDirectory(String table, String location) {
        return directory(table, location).resolve("_delta_log");
    }

    /** {@code <log>/<20-digit version>.json}. */
    public static Path commitFile(Path logDirectory, long version) {
        return logDirectory.resolve(String.format(Locale.ROOT, "%020d.json", version));
    }

    /** {@code <log>/<20-digit version>.checkpoint.parquet}. */
    public static Path checkpointFile(Path logDirectory, long version) {
        return logDirectory.resolve(String.format(Locale.ROOT, "%020d.checkpoint.parquet", version));
    }

    /** The URI scheme in lower case, or null for a plain path (a one-letter "scheme" is a Windows drive). */
    private static String scheme(String location) {
        int colon = location.indexOf(':');
        if (colon <= 1) {
            return null;
        }
        String s = location.substring(0, colon);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return null;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static Path plainPath(String table, String location) {
        try {
            Path p = Path.of(location);
            if (!p.isAbsolute()) {
                throw new UnsupportedLocationException(
                        "Delta table '" + table + "': location '" + location + "' is not an absolute path");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new UnsupportedLocationException(
                    "Delta table '" + table + "': location '" + location + "' is not a valid path: " + e.getMessage());
        }
    }

    private static Path fileUri(String table, String location) {
        try {
            URI uri = new URI(location);
            String authority = uri.getRawAuthority();
            if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                throw new UnsupportedLocationException(
                        "Delta table '" + table + "': location '" + location + "' names the host '" + authority
                                + "'; the _delta_log mirror writes only to local file: paths");
            }
            String path = uri.getPath();
            if (path == null || path.isEmpty()) {
                throw new UnsupportedLocationException(
                        "Delta table '" + table + "': location '" + location + "' has no path");
            }
            return plainPath(table, path);
        } catch (URISyntaxException e) {
            // Not a valid URI (an unescaped space, say): read it as "file:" followed by a path.
            String rest = location.substring("file:".length());
            if (rest.startsWith("//localhost/")) {
                rest = rest.substring("//localhost".length());
            } else if (rest.startsWith("///")) {
                rest = rest.substring(2);
            }
            return plainPath(table, rest);
        }
    }
}
