package io.deltasql.core.internal.commit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Delta table features deltasql knows (PROTOCOL.md, "Table Features"): whether readers must
 * understand them too, the legacy protocol versions that imply them, the features they need, and
 * whether deltasql can enable them on a table (it then writes every commit by their rules; see
 * {@link FeatureRules}). A feature deltasql cannot enable may still be in a table it imports.
 */
public enum TableFeature {
    APPEND_ONLY("appendOnly", false, 1, 2, true),
    INVARIANTS("invariants", false, 1, 2, true),
    CHECK_CONSTRAINTS("checkConstraints", false, 1, 3, true),
    CHANGE_DATA_FEED("changeDataFeed", false, 1, 4, true),
    GENERATED_COLUMNS("generatedColumns", false, 1, 4, true),
    COLUMN_MAPPING("columnMapping", true, 2, 5, true),
    IDENTITY_COLUMNS("identityColumns", false, 1, 6, true),
    DELETION_VECTORS("deletionVectors", true, 0, 0, true),
    DOMAIN_METADATA("domainMetadata", false, 0, 0, true),
    ROW_TRACKING("rowTracking", false, 0, 0, true, "domainMetadata"),
    IN_COMMIT_TIMESTAMP("inCommitTimestamp", false, 0, 0, true),
    TIMESTAMP_NTZ("timestampNtz", true, 0, 0, true),
    VARIANT_TYPE("variantType", true, 0, 0, true),
    VARIANT_TYPE_PREVIEW("variantType-preview", true, 0, 0, true),
    TYPE_WIDENING("typeWidening", true, 0, 0, true),
    TYPE_WIDENING_PREVIEW("typeWidening-preview", true, 0, 0, true),
    V2_CHECKPOINT("v2Checkpoint", true, 0, 0, true),
    VACUUM_PROTOCOL_CHECK("vacuumProtocolCheck", true, 0, 0, true),
    CLUSTERING("clustering", false, 0, 0, true, "domainMetadata"),
    /** A catalog orders the table's commits (PROTOCOL.md, "Catalog-managed tables"); see CatalogManagedRules. */
    CATALOG_MANAGED("catalogManaged", true, 0, 0, true, "inCommitTimestamp", "vacuumProtocolCheck"),
    ALLOW_COLUMN_DEFAULTS("allowColumnDefaults", false, 0, 0, true),
    ICEBERG_COMPAT_V1("icebergCompatV1", false, 0, 0, false, "columnMapping"),
    ICEBERG_COMPAT_V2("icebergCompatV2", false, 0, 0, false, "columnMapping"),
    VARIANT_SHREDDING_PREVIEW("variantShredding-preview", true, 0, 0, false),
    COLLATIONS("collations", true, 0, 0, false, "domainMetadata"),
    COLLATIONS_PREVIEW("collations-preview", true, 0, 0, false, "domainMetadata");

    private final String id;
    private final boolean readerWriter;
    private final int legacyReader;
    private final int legacyWriter;
    private final boolean enableable;
    private final List<String> requires;

    TableFeature(
            String id,
            boolean readerWriter,
            int legacyReader,
            int legacyWriter,
            boolean enableable,
            String... requires) {
        this.id = id;
        this.readerWriter = readerWriter;
        this.legacyReader = legacyReader;
        this.legacyWriter = legacyWriter;
        this.enableable = enableable;
        this.requires = List.of(requires);
    }

    /** The name the protocol action lists. */
    public String id() {
        return id;
    }

    /** True when readers must support the feature too (it is listed in readerFeatures as well). */
    public boolean readerWriter() {
        return readerWriter;
    }

    /** True when an older protocol (writer &lt; 7) implies the feature; see {@link #legacyWriter()}. */
    public boolean legacy() {
        return legacyWriter > 0;
    }

    /** The reader version that implies a legacy feature for readers (1 when readers need not know it). */
    public int legacyReader() {
        return legacyReader;
    }

    /** The lowest writer version that implies a legacy feature; 0 for features that exist only as table features. */
    public int legacyWriter() {
        return legacyWriter;
    }

    /**
     * True when deltasql can turn the feature on for a table. The others (Iceberg compatibility,
     * which constrains the Parquet files themselves; collations and variant shredding, whose rules
     * concern data deltasql never reads) it keeps on imported tables but does not enable.
     */
    public boolean enableable() {
        return enableable;
    }

    /** The features this one needs on the same table. */
    public List<TableFeature> requires() {
        return requires.stream().map(r -> byId(r).orElseThrow()).toList();
    }

    public static Optional<TableFeature> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** The features a legacy protocol (writer &lt; 7) implies, in declaration order. */
    public static List<TableFeature> impliedBy(int readerVersion, int writerVersion) {
        return Arrays.stream(values())
                .filter(f -> f.legacy()
                        && f.legacyWriter <= writerVersion
                        && (!f.readerWriter || f.legacyReader <= readerVersion))
                .toList();
    }
}
