package io.deltasql.core.internal.storage;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file or directory of a table, in the form Delta Kernel reads paths: an absolute local path
 * ({@code /lake/t/_delta_log/00000000000000000000.json}) or an object-store URI
 * ({@code s3://bucket/t/_delta_log/…}, {@code abfss://container@account.dfs.core.windows.net/t/…}),
 * never with a trailing slash.
 */
public record StorePath(String value) {
    public StorePath {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty store path");
        }
        while (value.length() > 1 && value.endsWith("/") && !value.endsWith("://")) {
            value = value.substring(0, value.length() - 1);
        }
    }

    public static StorePath of(Path local) {
        return new StorePath(local.toAbsolutePath().normalize().toString());
    }

    /** The scheme in lower case, or {@code file} for a local path. */
    public String scheme() {
        int colon = value.indexOf("://");
        return colon <= 1 ? "file" : value.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    public boolean isLocal() {
        return scheme().equals("file");
    }

    /** The local file; only for {@link #isLocal()} paths. */
    public Path toLocal() {
        if (!isLocal()) {
            throw new IllegalStateException(value + " is not a local path");
        }
        if (!value.startsWith("file:")) {
            return Path.of(value);
        }
        // Kernel's and Hadoop's form: file:/d/t (or file:///d/t), not URI-escaped.
        String rest = value.substring("file:".length());
        if (rest.startsWith("//")) {
            rest = rest.substring(rest.indexOf('/', 2));
        }
        return Path.of(rest);
    }

    public StorePath resolve(String name) {
        return new StorePath(value + "/" + name);
    }

    /** The directory holding this file. */
    public StorePath parent() {
        int slash = value.lastIndexOf('/');
        if (slash <= 0 || value.substring(0, slash).endsWith(":/")) {
            throw new IllegalStateException(value + " has no parent");
        }
        return new StorePath(value.substring(0, slash));
    }

    /** The last name of the path. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
