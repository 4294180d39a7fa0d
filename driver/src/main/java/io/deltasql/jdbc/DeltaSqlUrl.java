package io.deltasql.jdbc;

import io.deltasql.core.CatalogConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A {@code jdbc:deltasql:} URL taken apart: the catalog database's own JDBC URL (or the embedded
 * default, or a remote server), and the deltasql settings found in its query string, which are
 * removed before the URL reaches the database's driver.
 *
 * <ul>
 *   <li>{@code jdbc:deltasql:} — the embedded SQLite catalog (or the {@code catalog} property, or {@code DELTASQL_CATALOG});</li>
 *   <li>{@code jdbc:deltasql:postgresql://h:5432/db?user=u&poolSize=4}, {@code …:mariadb://…}, {@code …:mysql://…},
 *       {@code …:sqlite:/path/catalog.db};</li>
 *   <li>{@code jdbc:deltasql:remote:http://host:8765} — a deltasql server.</li>
 * </ul>
 */
record DeltaSqlUrl(String catalogUrl, String remoteUrl, Properties settings) {
    static final String PREFIX = "jdbc:deltasql:";
    /** Settings deltasql reads from the URL or the connection properties. */
    static final Set<String> SETTINGS = Set.of("catalog", "poolSize", "connectionTimeoutMs", "idleTimeoutMs", "maxLifetimeMs",
            "validationTimeoutMs", "busyTimeoutMs", "cacheMaxSnapshots", "cacheMaxFiles", "fetchSize", "fileCheckpointMinFiles",
            "asyncThreads",
            "asyncQueueSize", "maxCommitAttempts", "allowedLocations", "serialization", "mirror", "readOnly");

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    static DeltaSqlUrl parse(String url, Properties info) throws SQLException {
        String rest = url.substring(PREFIX.length()).trim();
        Properties settings = new Properties();
        if (info != null) {
            settings.putAll(info);
        }
        if (rest.toLowerCase(Locale.ROOT).startsWith("remote:")) {
            String remote = rest.substring("remote:".length());
            if (!remote.startsWith("http://") && !remote.startsWith("https://")) {
                throw new SQLException("jdbc:deltasql:remote: needs the server's http:// or https:// address, e.g."
                        + " jdbc:deltasql:remote:http://localhost:8765", "08001");
            }
            return new DeltaSqlUrl(null, remote, settings);
        }
        if (rest.isEmpty() || rest.startsWith("?")) {
            takeSettings(rest.isEmpty() ? "" : rest.substring(1), settings);
            Object catalog = settings.remove("catalog");
            String catalogUrl = catalog == null ? CatalogConfig.embeddedDefault().build().jdbcUrl()
                    : catalog.toString().startsWith("jdbc:") ? catalog.toString()
                    : "jdbc:sqlite:" + java.nio.file.Path.of(catalog.toString()).toAbsolutePath();
            return new DeltaSqlUrl(catalogUrl, null, settings);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("postgresql:") || lower.startsWith("mariadb:") || lower.startsWith("mysql:")
                || lower.startsWith("sqlite:"))) {
            throw new SQLException("jdbc:deltasql: URL names no supported catalog database: use jdbc:deltasql: (embedded),"
                    + " jdbc:deltasql:postgresql://…, jdbc:deltasql:mariadb://…, jdbc:deltasql:mysql://…,"
                    + " jdbc:deltasql:sqlite:/path or jdbc:deltasql:remote:http://host:port", "08001");
        }
        int q = rest.indexOf('?');
        String base = q < 0 ? rest : rest.substring(0, q);
        String kept = q < 0 ? "" : takeSettings(rest.substring(q + 1), settings);
        settings.remove("catalog");
        return new DeltaSqlUrl("jdbc:" + base + (kept.isEmpty() ? "" : "?" + kept), null, settings);
    }

    /** Moves deltasql's settings from a query string into {@code settings}; returns the rest of the query. */
    private static String takeSettings(String query, Properties settings) {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (SETTINGS.contains(key)) {
                settings.setProperty(key, eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            } else {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}
