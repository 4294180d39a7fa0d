package io.deltasql.core.location;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a committed file may be: inside its table's directory (a relative path that does not climb
 * out of it with {@code ..}, or an absolute one below the table's location), or, when the catalog
 * has allowed locations, anywhere under them. A file outside would let a writer point the table
 * (and a later VACUUM, which deletes removed files) at files it has no business with.
 */
public final class FilePathRules {
    private final String table;
    private final long readVersion;
    private final CanonicalLocation root;
    private final String rootText;
    private final AllowedLocations allowed;

    private FilePathRules(String table, long readVersion, String location, AllowedLocations allowed) {
        this.table = table;
        this.readVersion = readVersion;
        this.rootText = location;
        this.root = rootOf(table, location);
        this.allowed = allowed;
    }

    /** The rules for files committed to {@code table} at {@code location}. */
    public static FilePathRules of(String table, long readVersion, String location, AllowedLocations allowed) {
        return new FilePathRules(table, readVersion, location, allowed);
    }

    /** Refuses (22023) {@code path} when it resolves outside the table's directory and every allowed location. */
    public void check(String path) {
        if (path == null || path.isEmpty()) {
            return; // CommitValidator reports a missing path
        }
        String scheme = CanonicalLocation.scheme(path);
        if (scheme == null && !path.startsWith("/")) {
            checkRelative(path);
        } else {
            checkAbsolute(path, scheme);
        }
    }

    private void checkRelative(String path) {
        if (path.indexOf("..") < 0 && path.indexOf('%') < 0) {
            return; // no '..' segment, encoded or not: the common case, decided without parsing
        }
        int depth = 0;
        for (String name : decodedPath(path).split("/")) {
            if (name.equals("..")) {
                depth--;
                if (depth < 0) {
                    throw invalid("file path '" + path + "' climbs out of the table's directory '" + rootText
                            + "' with '..'; a relative path must stay inside it");
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                depth++;
            }
        }
    }

    private void checkAbsolute(String path, String scheme) {
        CanonicalLocation file;
        try {
            file = CanonicalLocation.parse("file path", path);
        } catch (InvalidRequestException e) {
            throw invalid(e.getMessage());
        }
        if (scheme == null && root != null && !root.scheme().equals("file")) {
            // A path without a scheme is on the table's own file system (s3://bucket/... for an S3 table).
            file = new CanonicalLocation(root.scheme(), root.authority(), file.segments());
        }
        if (root != null && root.contains(file)) {
            return;
        }
        if (allowed.restricted() && allowed.permits(file)) {
            return;
        }
        throw invalid("file path '" + path + "' lies outside the table's directory '" + rootText + "'"
                + (allowed.restricted()
                        ? " and outside the allowed locations " + allowed
                        : "; files outside it need allowed locations (" + AllowedLocations.SERVER_OPTION
                                + ", catalog setting " + AllowedLocations.SETTING + ")"));
    }

    private static String decodedPath(String path) {
        try {
            String decoded = new URI(path).getPath();
            return decoded == null ? path : decoded;
        } catch (URISyntaxException notAUri) {
            return path;
        }
    }

    private static CanonicalLocation rootOf(String table, String location) {
        try {
            return CanonicalLocation.parse("Delta table '" + table + "': location", location);
        } catch (InvalidRequestException unreadable) {
            return null; // a location registered before locations were checked: only allowed locations count
        }
    }

    private InvalidRequestException invalid(String what) {
        return DeltaSqlErrors.invalid(
                "Delta table '" + table + "', commit at read version " + readVersion + ": " + what);
    }
}
