package io.deltasql.core.internal.storage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file or directory in Azure Blob Storage, written the way Hadoop's ABFS and WASB drivers write
 * it: {@code abfss://<container>@<account>.dfs.core.windows.net/<path>} (or {@code abfs://}) and
 * {@code wasbs://<container>@<account>.blob.core.windows.net/<path>} (or {@code wasb://}); or as
 * the blob's own URL, {@code https://<account>.blob.core.windows.net/<container>/<path>} (also
 * {@code .dfs.}, and a sovereign cloud's suffix), the form Azure's portal and DuckDB show.
 *
 * <p>{@code root} keeps the scheme and authority exactly as the caller wrote them, so paths handed
 * back (listings, file statuses) look like the ones Kernel and the mirror asked about. The blob name
 * is the path without its leading, trailing and repeated slashes; it is empty for the container
 * itself.
 */
record AzureLocation(String root, String container, String account, String host, String blobName) {
    static final Set<String> SCHEMES = Set.of("abfs", "abfss", "wasb", "wasbs");

    // Azure's naming rules; checked here so a typo is named instead of answered with an HTTP 400.
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    /** An https URL's host naming a storage account's Blob or Data Lake service: {@code <account>.blob.<suffix>}. */
    private static final Pattern SERVICE_HOST = Pattern.compile("[^./]+\\.(blob|dfs)\\.[^/]+");

    static boolean isAzure(String path) {
        int colon = path.indexOf("://");
        if (colon <= 0) {
            return false;
        }
        String scheme = path.substring(0, colon).toLowerCase(Locale.ROOT);
        return SCHEMES.contains(scheme) || (scheme.equals("https") && isServiceUrl(path));
    }

    private static boolean isServiceUrl(String path) {
        String rest = path.substring("https://".length());
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        return SERVICE_HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
    }

    static AzureLocation parse(String path) {
        if (path == null || !isAzure(path)) {
            throw new IllegalArgumentException("not an Azure location (abfss://<container>@<account>"
                    + ".dfs.core.windows.net/<path>, wasbs://<container>@<account>.blob.core.windows.net"
                    + "/<path> or https://<account>.blob.core.windows.net/<container>/<path>): " + path);
        }
        if (path.regionMatches(true, 0, "https://", 0, "https://".length())) {
            return parseUrl(path);
        }
        int authorityStart = path.indexOf("://") + 3;
        int slash = path.indexOf('/', authorityStart);
        String authority = slash < 0 ? path.substring(authorityStart) : path.substring(authorityStart, slash);
        int at = authority.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException(
                    "Azure location without a container (<scheme>://<container>@<account>.<host>/<path>): " + path);
        }
        String container = authority.substring(0, at);
        String host = authority.substring(at + 1);
        String rest = slash < 0 ? "" : path.substring(slash);
        return checked(path, path.substring(0, authorityStart) + authority, container, host, rest);
    }

    /** {@code https://<account>.blob.<suffix>/<container>/<path>}: the container is the first name of the path. */
    private static AzureLocation parseUrl(String path) {
        int hostStart = "https://".length();
        int slash = path.indexOf('/', hostStart);
        String host = slash < 0 ? path.substring(hostStart) : path.substring(hostStart, slash);
        String afterHost = slash < 0 ? "" : clean(path.substring(slash));
        if (afterHost.isEmpty()) {
            throw new IllegalArgumentException(
                    "Azure URL without a container (https://<account>.blob.core.windows.net/<container>/<path>): "
                            + path);
        }
        int next = afterHost.indexOf('/');
        String container = next < 0 ? afterHost : afterHost.substring(0, next);
        String rest = next < 0 ? "" : afterHost.substring(next);
        return checked(path, path.substring(0, hostStart) + host + "/" + container, container, host, rest);
    }

    private static AzureLocation checked(String path, String root, String container, String host, String rest) {
        int dot = host.indexOf('.');
        String account = dot < 0 ? host : host.substring(0, dot);
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("Azure storage account names are 3 to 24 lower-case letters and "
                    + "digits; '" + account + "' is not one, in " + path);
        }
        if (!CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException("Azure container names are 3 to 63 lower-case letters, digits and "
                    + "single hyphens, starting and ending with a letter or digit; '" + container
                    + "' is not one, in " + path);
        }
        return new AzureLocation(root, container, account, host, clean(rest));
    }

    /** The path without empty segments: no leading, trailing or doubled slashes. */
    private static String clean(String rest) {
        StringBuilder name = new StringBuilder(rest.length());
        for (String segment : rest.split("/", -1)) {
            if (!segment.isEmpty()) {
                if (name.length() > 0) {
                    name.append('/');
                }
                name.append(segment);
            }
        }
        return name.toString();
    }

    /** The location as a path: root and blob name, no trailing slash. */
    String uri() {
        return blobName.isEmpty() ? root : root + "/" + blobName;
    }

    AzureLocation child(String name) {
        return new AzureLocation(root, container, account, host, blobName.isEmpty() ? name : blobName + "/" + name);
    }

    AzureLocation parent() {
        if (blobName.isEmpty()) {
            throw new IllegalArgumentException(uri() + " is a container; it has no parent directory");
        }
        int slash = blobName.lastIndexOf('/');
        return new AzureLocation(root, container, account, host, slash < 0 ? "" : blobName.substring(0, slash));
    }

    /** The last segment of the blob name. */
    String name() {
        return blobName.substring(blobName.lastIndexOf('/') + 1);
    }

    /** The prefix every blob inside this directory starts with ({@code ""} for the container). */
    String directoryPrefix() {
        return blobName.isEmpty() ? "" : blobName + "/";
    }

    /**
     * The host's suffix after {@code <account>.dfs.} or {@code <account>.blob.}
     * ({@code core.windows.net}, or a sovereign cloud's), when the host has that form.
     */
    Optional<String> endpointSuffix() {
        String lower = host.toLowerCase(Locale.ROOT);
        for (String service : new String[] {".dfs.", ".blob."}) {
            String start = account + service;
            if (lower.startsWith(start) && lower.length() > start.length()) {
                return Optional.of(lower.substring(start.length()));
            }
        }
        return Optional.empty();
    }

    /** The account's host names Hadoop's per-account settings end with, most specific first. */
    Set<String> settingHosts() {
        String suffix = endpointSuffix().orElse("core.windows.net");
        return new LinkedHashSet<>(
                List.of(host.toLowerCase(Locale.ROOT), account + ".dfs." + suffix, account + ".blob." + suffix));
    }

    @Override
    public String toString() {
        return uri();
    }
}
