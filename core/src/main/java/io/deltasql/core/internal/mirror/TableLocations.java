package io.deltasql.core.internal.mirror;

import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.location.CanonicalLocation;
import io.deltasql.core.mirror.UnsupportedLocationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a table's location into the {@link StorePath} of its directory: a plain absolute path, or a
 * {@code file:} URI ({@code file:/d/t}, {@code file:///d/t}, {@code file://localhost/d/t}) is a local
 * directory; a URI of an object store a {@link Storage} serves (s3:, s3a:, abfss:, …) is kept as the
 * URI. Anything else (hdfs:, gs:, …) is refused with {@link UnsupportedLocationException}.
 */
public final class TableLocations {
    private TableLocations() {}

    /** The table's directory; its log is {@code resolve("_delta_log")}. */
    public static StorePath directory(String table, String location) {
        if (location == null || location.isBlank()) {
            throw new UnsupportedLocationException("Delta table '" + table + "' has no location");
        }
        String scheme = scheme(location);
        if (scheme == null) {
            return StorePath.of(plainPath(table, location));
        }
        if (scheme.equals("file")) {
            return StorePath.of(fileUri(table, location));
        }
        if (!Storage.isSupported(location)) {
            throw new UnsupportedLocationException("Delta table '" + table + "': location '" + location + "' uses the "
                    + scheme + ": scheme; " + Storage.SUPPORTED);
        }
        return new StorePath(CanonicalLocation.parse("Delta table '" + table + "': location", location)
                .toString());
    }

    /** The table's local directory; refuses a location on an object store. */
    public static Path localDirectory(String table, String location) {
        StorePath dir = directory(table, location);
        if (!dir.isLocal()) {
            throw new UnsupportedLocationException(
                    "Delta table '" + table + "': location '" + location + "' is not a local directory");
        }
        return dir.toLocal();
    }

    /** The table's {@code _delta_log} directory. */
    public static StorePath logDirectory(String table, String location) {
        return directory(table, location).resolve("_delta_log");
    }

    /** {@code <log>/<20-digit version>.json}. */
    public static StorePath commitFile(StorePath logDirectory, long version) {
        return logDirectory.resolve(String.format(Locale.ROOT, "%020d.json", version));
    }

    /** {@code <log>/<20-digit version>.json} of a local log. */
    public static Path commitFile(Path logDirectory, long version) {
        return logDirectory.resolve(
                commitFile(StorePath.of(logDirectory), version).name());
    }

    /** {@code <log>/<20-digit version>.checkpoint.parquet} of a local log. */
    public static Path checkpointFile(Path logDirectory, long version) {
        return logDirectory.resolve(
                checkpointFile(StorePath.of(logDirectory), version).name());
    }

    /** {@code <log>/<20-digit version>.checkpoint.parquet}. */
    public static StorePath checkpointFile(StorePath logDirectory, long version) {
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
