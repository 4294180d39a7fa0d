package io.deltasql.jdbc;

import io.deltasql.core.SqlStates;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code jdbc:deltasql:} URL taken apart: the catalog database's own JDBC URL (or, when
 * {@code catalogUrl} and {@code remoteUrl} are both null, the embedded default), or a remote
 * server's address, and the deltasql settings found in its query string. Settings are removed from
 * the URL before it reaches the catalog database's driver, and a server's URL goes out with no
 * query string at all: its user and password travel in the login, never in the request line.
 *
 * <ul>
 *   <li>{@code jdbc:deltasql:} — the embedded SQLite catalog (or the {@code catalog} property, or {@code DELTASQL_CATALOG});</li>
 *   <li>{@code jdbc:deltasql:postgresql://h:5432/db?user=u&poolSize=4}, {@code …:mariadb://…}, {@code …:mysql://…},
 *       {@code …:sqlite:/path/catalog.db};</li>
 *   <li>{@code jdbc:deltasql:remote:https://host:8765?user=alice&truststore=/path/ts.p12} — a deltasql server.</li>
 * </ul>
 */
public record DeltaSqlUrl(String catalogUrl, String remoteUrl, Properties settings) {
    public static final String PREFIX = "jdbc:deltasql:";

    /** Settings deltasql reads from the URL or the connection properties of a direct catalog URL, with what each means. */
    static final Map<String, String> LOCAL_SETTINGS = Map.ofEntries(
            Map.entry("catalog", "the catalog database: a jdbc: URL or an SQLite file (with jdbc:deltasql: only)"),
            Map.entry("poolSize", "connections in the catalog database pool"),
            Map.entry("connectionTimeoutMs", "how long to wait for a pooled catalog connection"),
            Map.entry("idleTimeoutMs", "how long an idle pooled connection is kept"),
            Map.entry("maxLifetimeMs", "the longest a pooled connection lives"),
            Map.entry("validationTimeoutMs", "how long a pooled connection's validation may take"),
            Map.entry("busyTimeoutMs", "SQLite: how long to wait for a locked database"),
            Map.entry("cacheMaxSnapshots", "snapshots kept in the cache"),
            Map.entry("cacheMaxFiles", "file entries kept in the cache"),
            Map.entry("fetchSize", "rows fetched from the catalog at a time"),
            Map.entry("fileCheckpointMinFiles", "active files from which a table's file list is kept compact"),
            Map.entry("asyncThreads", "threads of the asynchronous API"),
            Map.entry("asyncQueueSize", "queued asynchronous calls"),
            Map.entry("maxCommitAttempts", "attempts of a commit that meets a concurrent one"),
            Map.entry("allowedLocations", "directories where tables may be created or imported"),
            Map.entry(
                    "mirror",
                    "true (default): write each commit's _delta_log file before the commit returns; async: right"
                            + " after it returns; false: do not write _delta_log (another process mirrors)"),
            Map.entry("readOnly", "true: refuse every change"),
            // Object stores, with Hadoop's keys (every fs.s3a.* and fs.azure.* key is taken; docs/STORAGE.md).
            Map.entry("fs.s3a.endpoint", "S3: the endpoint of an S3-compatible store (default: AWS)"),
            Map.entry("fs.s3a.endpoint.region", "S3: the region to sign requests for"),
            Map.entry("fs.s3a.path.style.access", "S3: true to address buckets by path, not host name"),
            Map.entry("fs.s3a.access.key", "S3: access key id (default: the AWS credential chain)"),
            Map.entry("fs.s3a.secret.key", "S3: secret access key"));

    /** Settings of a {@code jdbc:deltasql:remote:} URL, with what each means. */
    static final Map<String, String> REMOTE_SETTINGS = Map.of(
            "user", "the server user's name",
            "password", "the server user's password",
            "truststore", "a trust store (PKCS12 or JKS file) holding the server's certificate or its CA",
            "truststore_password", "the trust store's password",
            "hostname_verification", "false: accept a certificate issued for another host name",
            "fetchSize", "rows per frame a statement fetches",
            "serialization", "protobuf (default) or json");

    /** Settings kept in deltasql's setting names only (not passed to the catalog database's driver). */
    static final Set<String> SETTINGS = LOCAL_SETTINGS.keySet();

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    public static DeltaSqlUrl parse(String url, Properties info) throws SQLException {
        String rest = url.substring(PREFIX.length()).trim();
        Properties settings = new Properties();
        if (info != null) {
            settings.putAll(info);
        }
        if (rest.toLowerCase(Locale.ROOT).startsWith("remote:")) {
            return parseRemote(rest.substring("remote:".length()), settings);
        }
        if (rest.isEmpty() || rest.startsWith("?")) {
            takeSettings(rest.isEmpty() ? "" : rest.substring(1), settings, SETTINGS);
            Object catalog = settings.remove("catalog");
            String catalogUrl = catalog == null
                    ? null
                    : catalog.toString().startsWith("jdbc:")
                            ? catalog.toString()
                            : "jdbc:sqlite:" + Path.of(catalog.toString()).toAbsolutePath();
            return new DeltaSqlUrl(catalogUrl, null, settings);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("postgresql:")
                || lower.startsWith("mariadb:")
                || lower.startsWith("mysql:")
                || lower.startsWith("sqlite:"))) {
            throw SqlStateExceptions.of(
                    "jdbc:deltasql: URL names no supported catalog database: use jdbc:deltasql: (embedded),"
                            + " jdbc:deltasql:postgresql://…, jdbc:deltasql:mariadb://…, jdbc:deltasql:mysql://…,"
                            + " jdbc:deltasql:sqlite:/path or jdbc:deltasql:remote:http://host:port",
                    SqlStates.UNAVAILABLE,
                    null);
        }
        int q = rest.indexOf('?');
        String base = q < 0 ? rest : rest.substring(0, q);
        String kept = q < 0 ? "" : takeSettings(rest.substring(q + 1), settings, SETTINGS);
        settings.remove("catalog");
        return new DeltaSqlUrl("jdbc:" + base + (kept.isEmpty() ? "" : "?" + kept), null, settings);
    }

    /** Whether this URL names the embedded default catalog. */
    public boolean embedded() {
        return catalogUrl == null && remoteUrl == null;
    }

    private static DeltaSqlUrl parseRemote(String remote, Properties settings) throws SQLException {
        if (!remote.startsWith("http://") && !remote.startsWith("https://")) {
            throw SqlStateExceptions.of(
                    "jdbc:deltasql:remote: needs the server's http:// or https:// address, e.g."
                            + " jdbc:deltasql:remote:http://localhost:8765",
                    SqlStates.UNAVAILABLE,
                    null);
        }
        int q = remote.indexOf('?');
        if (q < 0) {
            return new DeltaSqlUrl(null, remote, settings);
        }
        String unknown = takeSettings(remote.substring(q + 1), settings, REMOTE_SETTINGS.keySet());
        if (!unknown.isEmpty()) {
            String key = unknown.split("&")[0].split("=")[0];
            throw SqlStateExceptions.of(
                    "jdbc:deltasql:remote: URL has the unknown setting '" + key + "': a server URL takes "
                            + String.join(", ", new TreeSet<>(REMOTE_SETTINGS.keySet())),
                    SqlStates.UNAVAILABLE,
                    null);
        }
        return new DeltaSqlUrl(null, remote.substring(0, q), settings);
    }

    /**
     * Object-store settings ({@code fs.s3a.…}, {@code fs.azure.…}, as Spark users write them) go to
     * deltasql, never to the catalog database's driver, and never stay in the URL a tool shows.
     */
    static boolean isStoreSetting(String key) {
        return key.startsWith("fs.s3a.") || key.startsWith("fs.azure.");
    }

    /** Moves the named settings from a query string into {@code settings}; returns the rest of the query. */
    private static String takeSettings(String query, Properties settings, Set<String> names) {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (names.contains(key) || (names == SETTINGS && isStoreSetting(key))) {
                settings.setProperty(
                        key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } else {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    /** The settings a tool may offer for {@code url}, with the values already given. */
    static DriverPropertyInfo[] propertyInfo(String url, Properties info) {
        boolean remote = url != null && url.toLowerCase(Locale.ROOT).startsWith(PREFIX + "remote:");
        Map<String, String> known = remote ? REMOTE_SETTINGS : LOCAL_SETTINGS;
        List<DriverPropertyInfo> out = new ArrayList<>();
        for (String name : new TreeSet<>(known.keySet())) {
            DriverPropertyInfo p = new DriverPropertyInfo(
                    name, info == null || name.contains("password") ? null : info.getProperty(name));
            p.description = known.get(name);
            out.add(p);
        }
        return out.toArray(new DriverPropertyInfo[0]);
    }
}
