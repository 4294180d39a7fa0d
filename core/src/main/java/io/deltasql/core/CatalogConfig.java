package io.deltasql.core;

import io.deltasql.core.internal.storage.StoreSettings;
import io.deltasql.core.location.AllowedLocations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything needed to open a catalog: the catalog database's JDBC URL and credentials, pool,
 * cache and executor settings. Built with {@link #builder(String)}; {@link Builder#build()}
 * validates every setting in one place and names each bad one.
 */
public final class CatalogConfig {
    /** SQLite file used when no catalog is named. */
    public static final String EMBEDDED_FILE = "deltasql-catalog.db";
    /** Environment variable naming the embedded catalog's file or JDBC URL. */
    public static final String CATALOG_ENV = "DELTASQL_CATALOG";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int poolSize;
    private final Duration connectionTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration validationTimeout;
    private final Duration busyTimeout;
    private final long cacheMaxSnapshots;
    private final long cacheMaxFiles;
    private final int fetchSize;
    private final long fileCheckpointMinFiles;
    private final int asyncThreads;
    private final int asyncQueueSize;
    private final int maxCommitAttempts;
    private final AllowedLocations allowedLocations;
    private final Map<String, String> storageSettings;

    private CatalogConfig(Builder b) {
        this.jdbcUrl = b.jdbcUrl;
        this.user = b.user;
        this.password = b.password;
        this.poolSize = b.poolSize;
        this.connectionTimeout = b.connectionTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxLifetime = b.maxLifetime;
        this.validationTimeout = b.validationTimeout;
        this.busyTimeout = b.busyTimeout;
        this.cacheMaxSnapshots = b.cacheMaxSnapshots;
        this.cacheMaxFiles = b.cacheMaxFiles;
        this.fetchSize = b.fetchSize;
        this.fileCheckpointMinFiles = b.fileCheckpointMinFiles;
        this.asyncThreads = b.asyncThreads;
        this.asyncQueueSize = b.asyncQueueSize;
        this.maxCommitAttempts = b.maxCommitAttempts;
        this.allowedLocations = b.parsedAllowedLocations;
        this.storageSettings = Collections.unmodifiableMap(new TreeMap<>(b.storageSettings));
    }

    /** A builder for the catalog database at {@code jdbcUrl} ({@code jdbc:sqlite:…}, {@code jdbc:postgresql:…}, {@code jdbc:mariadb:…}, {@code jdbc:mysql:…}). */
    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    /**
     * The embedded default: SQLite file {@value #EMBEDDED_FILE} in the working directory, or what
     * {@value #CATALOG_ENV} names (a file path or a JDBC URL).
     */
    public static Builder embeddedDefault() {
        return builder(embeddedDefaultUrl(System.getenv(CATALOG_ENV)));
    }

    static String embeddedDefaultUrl(String fromEnv) {
        if (fromEnv == null || fromEnv.isBlank()) {
            return "jdbc:sqlite:" + Path.of(EMBEDDED_FILE).toAbsolutePath();
        }
        return fromEnv.startsWith("jdbc:")
                ? fromEnv
                : "jdbc:sqlite:" + Path.of(fromEnv).toAbsolutePath();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The URL with any password removed: the only form that may appear in messages and logs. */
    public String redactedUrl() {
        return JdbcUrls.redact(jdbcUrl);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int poolSize() {
        return poolSize;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    public Duration validationTimeout() {
        return validationTimeout;
    }

    /** How long SQLite waits on a locked database before reporting it busy. */
    public Duration busyTimeout() {
        return busyTimeout;
    }

    public long cacheMaxSnapshots() {
        return cacheMaxSnapshots;
    }

    /** Total number of active-file entries the snapshot cache may hold across all tables. */
    public long cacheMaxFiles() {
        return cacheMaxFiles;
    }

    public int fetchSize() {
        return fetchSize;
    }

    /**
     * Tables with at least this many active files keep a file-list checkpoint in the catalog (their
     * files stored whole, for fast cold loads); 0 turns checkpoints off.
     */
    public long fileCheckpointMinFiles() {
        return fileCheckpointMinFiles;
    }

    public int asyncThreads() {
        return asyncThreads;
    }

    public int asyncQueueSize() {
        return asyncQueueSize;
    }

    public int maxCommitAttempts() {
        return maxCommitAttempts;
    }

    /**
     * Where tables may be created or imported, and where files outside a table's directory may be:
     * unset, anywhere (the embedded catalog); the server sets it, empty unless
     * {@code --allowed-locations} names prefixes.
     */
    public AllowedLocations allowedLocations() {
        return allowedLocations;
    }

    /**
     * The object-store settings for tables on S3 and Azure, under Hadoop's keys ({@code fs.s3a.*},
     * {@code fs.azure.*}; see docs/STORAGE.md). They hold credentials: never print them.
     */
    public Map<String, String> storageSettings() {
        return storageSettings;
    }

    @Override
    public String toString() {
        return "CatalogConfig[" + redactedUrl() + ", poolSize=" + poolSize + ", cacheMaxSnapshots=" + cacheMaxSnapshots
                + ", cacheMaxFiles=" + cacheMaxFiles + "]";
    }

    /** Mutable settings; defaults suit a single-process catalog. */
    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private String password;
        private int poolSize = 8;
        private Duration connectionTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private Duration validationTimeout = Duration.ofSeconds(5);
        private Duration busyTimeout = Duration.ofSeconds(30);
        private long cacheMaxSnapshots = 1_000;
        private long cacheMaxFiles = 2_000_000;
        private int fetchSize = 1_000;
        private long fileCheckpointMinFiles = 10_000;
        private int asyncThreads = 4;
        private int asyncQueueSize = 1_000;
        private int maxCommitAttempts = 20;
        private List<String> allowedLocations;
        private final Map<String, String> storageSettings = new HashMap<>();
        private AllowedLocations parsedAllowedLocations;

        private Builder(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder connectionTimeout(Duration d) {
            this.connectionTimeout = d;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        public Builder maxLifetime(Duration d) {
            this.maxLifetime = d;
            return this;
        }

        public Builder validationTimeout(Duration d) {
            this.validationTimeout = d;
            return this;
        }

        public Builder busyTimeout(Duration d) {
            this.busyTimeout = d;
            return this;
        }

        public Builder cacheMaxSnapshots(long n) {
            this.cacheMaxSnapshots = n;
            return this;
        }

        public Builder cacheMaxFiles(long n) {
            this.cacheMaxFiles = n;
            return this;
        }

        public Builder fetchSize(int n) {
            this.fetchSize = n;
            return this;
        }

        public Builder fileCheckpointMinFiles(long n) {
            this.fileCheckpointMinFiles = n;
            return this;
        }

        public Builder asyncThreads(int n) {
            this.asyncThreads = n;
            return this;
        }

        public Builder asyncQueueSize(int n) {
            this.asyncQueueSize = n;
            return this;
        }

        public Builder maxCommitAttempts(int n) {
            this.maxCommitAttempts = n;
            return this;
        }

        /**
         * Only locations under these prefixes (absolute paths or URIs) may hold tables; an empty list
         * allows none, null (the default) any.
         */
        /**
         * An object-store setting: a key of Hadoop's S3A ({@code fs.s3a.…}) or Azure
         * ({@code fs.azure.…}) file systems.
         */
        public Builder storageSetting(String key, String value) {
            if (!StoreSettings.isStoreKey(key)) {
                throw DeltaSqlErrors.invalid("'" + key + "' is not an object-store setting (fs.s3a.* or fs.azure.*)");
            }
            storageSettings.put(key, value);
            return this;
        }

        public Builder allowedLocations(List<String> prefixes) {
            this.allowedLocations = prefixes == null ? null : List.copyOf(prefixes);
            return this;
        }

        /**
         * Applies the settings present in {@code props} (keys as the builder methods:
         * {@code user, password, poolSize, connectionTimeoutMs, idleTimeoutMs, maxLifetimeMs,
         * validationTimeoutMs, busyTimeoutMs, cacheMaxSnapshots, cacheMaxFiles, fetchSize,
         * fileCheckpointMinFiles, asyncThreads, asyncQueueSize, maxCommitAttempts}, and
         * {@code allowedLocations} as comma-separated prefixes), and the object-store settings
         * ({@code fs.s3a.*}, {@code fs.azure.*}); unknown keys are left to the caller.
         */
        public Builder apply(Properties props) {
            for (Map.Entry<Object, Object> e : props.entrySet()) {
                String key = String.valueOf(e.getKey());
                String value = String.valueOf(e.getValue()).trim();
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = String.valueOf(e.getValue());
                    case "poolSize" -> poolSize = parseInt(key, value);
                    case "connectionTimeoutMs" -> connectionTimeout = Duration.ofMillis(parseLong(key, value));
                    case "idleTimeoutMs" -> idleTimeout = Duration.ofMillis(parseLong(key, value));
                    case "maxLifetimeMs" -> maxLifetime = Duration.ofMillis(parseLong(key, value));
                    case "validationTimeoutMs" -> validationTimeout = Duration.ofMillis(parseLong(key, value));
                    case "busyTimeoutMs" -> busyTimeout = Duration.ofMillis(parseLong(key, value));
                    case "cacheMaxSnapshots" -> cacheMaxSnapshots = parseLong(key, value);
                    case "cacheMaxFiles" -> cacheMaxFiles = parseLong(key, value);
                    case "fetchSize" -> fetchSize = parseInt(key, value);
                    case "fileCheckpointMinFiles" -> fileCheckpointMinFiles = parseLong(key, value);
                    case "asyncThreads" -> asyncThreads = parseInt(key, value);
                    case "asyncQueueSize" -> asyncQueueSize = parseInt(key, value);
                    case "maxCommitAttempts" -> maxCommitAttempts = parseInt(key, value);
                    case AllowedLocations.SETTING -> allowedLocations = List.of(value.split(","));
                    default -> {
                        if (StoreSettings.isStoreKey(key)) {
                            storageSettings.put(key, value);
                        }
                    }
                }
            }
            return this;
        }

        private static long parseLong(String key, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw DeltaSqlErrors.invalid("catalog setting " + key + "='" + value + "' is not a whole number");
            }
        }

        private static int parseInt(String key, String value) {
            long v = parseLong(key, value);
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw DeltaSqlErrors.invalid("catalog setting " + key + "=" + value + " is out of range");
            }
            return (int) v;
        }

        /** Validates all settings at once; the exception lists every problem found. */
        public CatalogConfig build() {
            List<String> problems = new ArrayList<>();
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                problems.add("the catalog JDBC URL is missing");
            } else {
                jdbcUrl = JdbcUrls.normalise(jdbcUrl);
                String lower = jdbcUrl.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("jdbc:sqlite:")
                        || lower.startsWith("jdbc:postgresql:")
                        || lower.startsWith("jdbc:mariadb:")
                        || lower.startsWith("jdbc:mysql:"))) {
                    problems.add(
                            "catalog URL '" + JdbcUrls.redact(jdbcUrl)
                                    + "' names no supported database (use jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:)");
                }
            }
            positive(problems, "poolSize", poolSize);
            positive(problems, "fetchSize", fetchSize);
            positive(problems, "asyncThreads", asyncThreads);
            positive(problems, "asyncQueueSize", asyncQueueSize);
            positive(problems, "maxCommitAttempts", maxCommitAttempts);
            if (cacheMaxSnapshots < 0) {
                problems.add("cacheMaxSnapshots must be >= 0, was " + cacheMaxSnapshots);
            }
            if (cacheMaxFiles < 0) {
                problems.add("cacheMaxFiles must be >= 0, was " + cacheMaxFiles);
            }
            if (fileCheckpointMinFiles < 0) {
                problems.add("fileCheckpointMinFiles must be >= 0, was " + fileCheckpointMinFiles);
            }
            atLeast(problems, "connectionTimeout", connectionTimeout, Duration.ofMillis(250));
            atLeast(problems, "validationTimeout", validationTimeout, Duration.ofMillis(250));
            atLeast(problems, "busyTimeout", busyTimeout, Duration.ZERO);
            atLeast(problems, "idleTimeout", idleTimeout, Duration.ZERO);
            atLeast(problems, "maxLifetime", maxLifetime, Duration.ofSeconds(30));
            if (validationTimeout != null
                    && connectionTimeout != null
                    && validationTimeout.compareTo(connectionTimeout) > 0) {
                problems.add("validationTimeout (" + validationTimeout.toMillis()
                        + " ms) must not exceed connectionTimeout (" + connectionTimeout.toMillis() + " ms)");
            }
            try {
                parsedAllowedLocations =
                        allowedLocations == null ? AllowedLocations.any() : AllowedLocations.of(allowedLocations);
            } catch (InvalidRequestException e) {
                problems.add(AllowedLocations.SETTING + ": " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw DeltaSqlErrors.invalid("invalid catalog configuration: " + String.join("; ", problems));
            }
            return new CatalogConfig(this);
        }

        private static void positive(List<String> problems, String name, long value) {
            if (value <= 0) {
                problems.add(name + " must be > 0, was " + value);
            }
        }

        private static void atLeast(List<String> problems, String name, Duration value, Duration min) {
            if (value == null) {
                problems.add(name + " is missing");
            } else if (value.compareTo(min) < 0) {
                problems.add(name + " must be at least " + min.toMillis() + " ms, was " + value.toMillis() + " ms");
            }
        }
    }
}
