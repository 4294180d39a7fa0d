package io.deltasql.core.internal.commit;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.protocol.Protocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The table properties that turn table features on, read as Delta's writers read them:
 * {@code delta.enableRowTracking=true} needs {@code rowTracking}, {@code delta.feature.<name>=supported}
 * asks for {@code <name>}, {@code delta.minWriterVersion=7} for table features, and so on.
 * {@code delta.feature.*} and the two version properties are requests to change the protocol,
 * not table configuration: like Delta, {@link #configuration} leaves them out of metaData.
 */
public final class FeatureProperties {
    public static final String FEATURE_PREFIX = "delta.feature.";
    public static final String MIN_READER_VERSION = "delta.minReaderVersion";
    public static final String MIN_WRITER_VERSION = "delta.minWriterVersion";
    public static final String ROW_TRACKING = "delta.enableRowTracking";
    public static final String IN_COMMIT_TIMESTAMPS = "delta.enableInCommitTimestamps";
    public static final String ICT_ENABLEMENT_VERSION = "delta.inCommitTimestampEnablementVersion";
    public static final String ICT_ENABLEMENT_TIMESTAMP = "delta.inCommitTimestampEnablementTimestamp";
    public static final String DELETION_VECTORS = "delta.enableDeletionVectors";
    public static final String COLUMN_MAPPING_MODE = "delta.columnMapping.mode";
    public static final String CHECKPOINT_POLICY = "delta.checkpointPolicy";

    /** Boolean properties that enable one feature when true. */
    private static final Map<String, TableFeature> ENABLING = Map.of(
            "delta.appendOnly",
            TableFeature.APPEND_ONLY,
            "delta.enableChangeDataFeed",
            TableFeature.CHANGE_DATA_FEED,
            DELETION_VECTORS,
            TableFeature.DELETION_VECTORS,
            ROW_TRACKING,
            TableFeature.ROW_TRACKING,
            IN_COMMIT_TIMESTAMPS,
            TableFeature.IN_COMMIT_TIMESTAMP,
            "delta.enableTypeWidening",
            TableFeature.TYPE_WIDENING,
            "delta.enableIcebergCompatV1",
            TableFeature.ICEBERG_COMPAT_V1,
            "delta.enableIcebergCompatV2",
            TableFeature.ICEBERG_COMPAT_V2);

    private FeatureProperties() {}

    /** What a table's properties ask of its protocol: features (with the property that asks for each) and, optionally, versions. */
    public record Requested(Map<TableFeature, String> askedBy, int minReaderVersion, int minWriterVersion) {
        public Set<TableFeature> features() {
            return askedBy.keySet();
        }

        /**
         * Refuses the features deltasql cannot turn on that {@code protocol} does not have yet (an
         * imported table may have one: it stays as it is), naming the property that asks for it.
         */
        public void checkEnableable(String table, Protocol protocol) {
            askedBy.forEach((f, asked) -> {
                if (!f.enableable() && !ProtocolUpgrade.supports(protocol, f)) {
                    throw DeltaSqlErrors.unsupported(
                            "Delta table '" + table + "': " + asked + " asks for the table feature '" + f.id()
                                    + "', which deltasql does not write (see docs/CORE.md, \"Table features\")");
                }
            });
        }
    }

    /**
     * The features and versions {@code properties} ask for. A value that is not one of the
     * property's values is refused (22023); a feature deltasql does not know is refused (0A000),
     * naming it. Whether deltasql can turn the features on is {@link Requested#checkEnableable}'s question.
     */
    public static Requested requested(String table, Map<String, String> properties) {
        Map<TableFeature, String> features = new LinkedHashMap<>();
        int reader = 0;
        int writer = 0;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            TableFeature enabling = ENABLING.get(key);
            if (enabling != null) {
                if (bool(table, key, value)) {
                    features.putIfAbsent(enabling, key + "=true");
                }
            } else if (key.equals(COLUMN_MAPPING_MODE)) {
                String mode = value.toLowerCase(Locale.ROOT);
                if (!List.of("none", "name", "id").contains(mode)) {
                    throw bad(table, key, value, "none, name or id");
                }
                if (!mode.equals("none")) {
                    features.putIfAbsent(TableFeature.COLUMN_MAPPING, key + "=" + value);
                }
            } else if (key.equals(CHECKPOINT_POLICY)) {
                if (!List.of("classic", "v2").contains(value)) {
                    throw bad(table, key, value, "classic or v2");
                }
                if (value.equals("v2")) {
                    features.putIfAbsent(TableFeature.V2_CHECKPOINT, key + "=v2");
                }
            } else if (key.equals(Clustering.PROPERTY)) {
                Clustering.columns(table, value);
                features.putIfAbsent(TableFeature.CLUSTERING, key);
            } else if (key.startsWith("delta.constraints.")) {
                features.putIfAbsent(TableFeature.CHECK_CONSTRAINTS, key);
            } else if (key.startsWith(FEATURE_PREFIX)) {
                String name = key.substring(FEATURE_PREFIX.length());
                if (!value.equalsIgnoreCase("supported") && !value.equalsIgnoreCase("enabled")) {
                    throw bad(table, key, value, "supported");
                }
                TableFeature f = TableFeature.byId(name)
                        .orElseThrow(() -> DeltaSqlErrors.unsupported("Delta table '" + table
                                + "': " + key + ": deltasql does not know the table feature '" + name
                                + "', so it cannot write"
                                + " a table that uses it"));
                features.put(f, key + "=" + value);
                writer = Math.max(
                        writer, 7); // naming a feature asks for table features, even for a legacy one (as in Delta)
            } else if (key.equals(MIN_READER_VERSION)) {
                reader = version(table, key, value, ProtocolSupport.MAX_READER_VERSION);
            } else if (key.equals(MIN_WRITER_VERSION)) {
                writer = Math.max(writer, version(table, key, value, ProtocolSupport.MAX_WRITER_VERSION));
            }
        }
        return new Requested(features, reader, writer);
    }

    /** The table's configuration as stored in metaData: {@code properties} without the protocol requests. */
    public static Map<String, String> configuration(Map<String, String> properties) {
        Map<String, String> config = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (!isProtocolRequest(k)) {
                config.put(k, v);
            }
        });
        return config;
    }

    /** True for the properties that ask for a protocol change and are not kept in the table's configuration. */
    public static boolean isProtocolRequest(String key) {
        return key.startsWith(FEATURE_PREFIX) || key.equals(MIN_READER_VERSION) || key.equals(MIN_WRITER_VERSION);
    }

    /** True when the boolean property {@code key} is set to true in {@code configuration}. */
    public static boolean isTrue(Map<String, String> configuration, String key) {
        String v = configuration.get(key);
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    private static boolean bool(String table, String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(table, key, value, "true or false");
    }

    private static int version(String table, String key, String value, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw bad(table, key, value, "a whole number from 1 to " + max);
    }

    private static InvalidRequestException bad(String table, String key, String value, String expected) {
        return DeltaSqlErrors.invalid(
                "Delta table '" + table + "': property " + key + " must be " + expected + ", was '" + value + "'");
    }
}
