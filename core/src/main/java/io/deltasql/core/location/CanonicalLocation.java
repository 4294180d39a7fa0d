package io.deltasql.core.location;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A location in one canonical form, so that two spellings of the same directory compare equal:
 * plain absolute paths and {@code file:} URIs ({@code file:/d/t}, {@code file:///d/t},
 * {@code file://localhost/d/t}) become scheme {@code file} with the decoded path; other URIs keep
 * their scheme (lower case) and authority. Empty and {@code .} segments and trailing slashes are
 * dropped. A {@code ..} segment is refused rather than resolved: resolving it textually can name
 * a different directory than the file system would (through a symbolic link), and no Delta
 * location needs one.
 *
 * @param scheme {@code file} for local paths, else the URI scheme in lower case
 * @param authority the URI authority ({@code bucket}, {@code container@account…}); empty for local paths
 * @param segments the path's names, root first
 */
public record CanonicalLocation(String scheme, String authority, List<String> segments) {
    public CanonicalLocation {
        segments = List.copyOf(segments);
    }

    /**
     * Parses {@code location}; {@code what} names it in errors (e.g. "Delta table 't': location").
     *
     * @throws InvalidRequestException (22023) when it is relative, has a {@code ..} segment, or is no valid URI
     */
    public static CanonicalLocation parse(String what, String location) {
        if (location == null || location.isBlank()) {
            throw DeltaSqlErrors.invalid(what + " is empty");
        }
        String scheme = scheme(location);
        if (scheme == null) {
            if (!location.startsWith("/")) {
                throw DeltaSqlErrors.invalid(what + " '" + location + "' is not an absolute path");
            }
            return new CanonicalLocation("file", "", segments(what, location, location));
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            if (!scheme.equals("file")) {
                throw DeltaSqlErrors.invalid(what + " '" + location + "' is not a valid URI: " + e.getReason());
            }
            // A file: location with an unescaped character (a space, say): the rest is a plain path.
            return parse(what, plainPathOfFileLocation(location));
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (scheme.equals("file")) {
            if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                throw DeltaSqlErrors.invalid(
                        what + " '" + location + "' names the host '" + authority + "'; file: locations must be local");
            }
            if (!path.startsWith("/")) {
                throw DeltaSqlErrors.invalid(what + " '" + location + "' is not an absolute file: URI");
            }
            authority = "";
        }
        return new CanonicalLocation(scheme, authority, segments(what, location, path));
    }

    /** True when {@code other} is this location or lies below it (whole path segments: /a/b does not contain /a/bc). */
    public boolean contains(CanonicalLocation other) {
        return scheme.equals(other.scheme)
                && authority.equals(other.authority)
                && other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** True when either location contains the other. */
    public boolean overlaps(CanonicalLocation other) {
        return contains(other) || other.contains(this);
    }

    /** {@code /a/b} for local paths, {@code s3://bucket/a/b} otherwise. */
    @Override
    public String toString() {
        String path = "/" + String.join("/", segments);
        return scheme.equals("file") ? path : scheme + "://" + authority + path;
    }

    /** The URI scheme in lower case, or null for a plain path (a one-letter "scheme" is a Windows drive). */
    static String scheme(String location) {
        int colon = location.indexOf(':');
        if (colon <= 1) {
            return null;
        }
        for (int i = 0; i < colon; i++) {
            char c = location.charAt(i);
            boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return null;
            }
        }
        return location.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static String plainPathOfFileLocation(String location) {
        String rest = location.substring("file:".length());
        if (rest.regionMatches(true, 0, "//localhost/", 0, "//localhost/".length())) {
            return rest.substring("//localhost".length());
        }
        return rest.startsWith("///") ? rest.substring(2) : rest;
    }

    private static List<String> segments(String what, String location, String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.equals("..")) {
                throw DeltaSqlErrors.invalid(what + " '" + location + "' contains a '..' segment; give the location"
                        + " without '..' (it is not resolved)");
            }
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return Collections.unmodifiableList(names);
    }
}
