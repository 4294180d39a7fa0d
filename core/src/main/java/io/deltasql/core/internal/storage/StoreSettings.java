package io.deltasql.core.internal.storage;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The object-store settings a catalog was given, under the keys Spark users already write
 * (Hadoop's: {@code fs.s3a.endpoint}, {@code fs.s3a.access.key},
 * {@code fs.azure.account.key.<account>.dfs.core.windows.net}, …). Secrets stay inside: {@link
 * #toString()} and {@link #redacted()} show their keys only.
 */
public final class StoreSettings {
    /** The prefixes of the keys that are store settings (the rest of a property set is not). */
    public static final String S3_PREFIX = "fs.s3a.";

    public static final String AZURE_PREFIX = "fs.azure.";

    private static final StoreSettings NONE = new StoreSettings(Map.of());

    private final Map<String, String> values;

    private StoreSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static StoreSettings none() {
        return NONE;
    }

    public static StoreSettings of(Map<String, String> values) {
        return values.isEmpty() ? NONE : new StoreSettings(values);
    }

    /** True for keys this class holds: those of the S3A and Azure file systems. */
    public static boolean isStoreKey(String key) {
        return key.startsWith(S3_PREFIX) || key.startsWith(AZURE_PREFIX);
    }

    /**
     * True when the value of {@code key} is a credential: access and secret keys, account keys,
     * SAS tokens, session tokens, passwords, client secrets.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret")
                || k.contains("password")
                || k.contains("token")
                || k.contains("account.key")
                || k.contains("access.key")
                || k.contains(".sas.")
                || k.endsWith(".sas");
    }

    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * A bucket's setting: {@code fs.s3a.bucket.<bucket>.<rest>} when given (Hadoop's per-bucket
     * override), else {@code fs.s3a.<rest>}.
     */
    public Optional<String> forBucket(String bucket, String rest) {
        return get(S3_PREFIX + "bucket." + bucket + "." + rest).or(() -> get(S3_PREFIX + rest));
    }

    public Map<String, String> values() {
        return values;
    }

    /** The settings with every secret's value replaced by {@code ***}, in key order. */
    public Map<String, String> redacted() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? "***" : v));
        return shown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreSettings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "StoreSettings" + redacted();
    }
}
