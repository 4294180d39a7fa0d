package io.deltasql.core.internal.commit;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The rules of the {@code catalogManaged} table feature as deltasql keeps them: such a table is
 * catalog-managed from its creation on (Delta offers no upgrade of an existing table and no
 * downgrade), keeps in-commit timestamps (the catalog's order is the table's time), and is known to
 * Unity Catalog clients by the id in its {@value #TABLE_ID} property, which deltasql also uses as
 * the table's uuid in the catalog.
 */
public final class CatalogManagedRules {
    /** The property naming the table's Unity Catalog table id (Delta's Unity Catalog clients read it). */
    public static final String TABLE_ID = "io.unitycatalog.tableId";
    /** Where clients stage commits, inside {@code _delta_log}. */
    public static final String STAGED_COMMITS_DIRECTORY = "_staged_commits";

    private CatalogManagedRules() {}

    public static boolean isCatalogManaged(Protocol protocol) {
        return protocol != null && ProtocolUpgrade.supports(protocol, TableFeature.CATALOG_MANAGED);
    }

    /**
     * A new catalog-managed table's properties: in-commit timestamps on (refused when asked off), and
     * a table id ({@value #TABLE_ID}) chosen when the request has none, checked when it has one.
     */
    public static Map<String, String> newTableProperties(String table, Map<String, String> properties) {
        Map<String, String> config = new LinkedHashMap<>(properties);
        String ict = config.get(FeatureProperties.IN_COMMIT_TIMESTAMPS);
        if (ict != null && !FeatureProperties.isTrue(config, FeatureProperties.IN_COMMIT_TIMESTAMPS)) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': a catalog-managed table keeps in-commit"
                    + " timestamps; " + FeatureProperties.IN_COMMIT_TIMESTAMPS + " cannot be '" + ict + "'");
        }
        config.put(FeatureProperties.IN_COMMIT_TIMESTAMPS, "true");
        String id = config.get(TABLE_ID);
        if (id == null) {
            config.put(TABLE_ID, UUID.randomUUID().toString());
        } else {
            uuidOf(table, id);
        }
        return config;
    }

    /**
     * Refuses a commit that would make a table catalog-managed after its creation, stop it being
     * one, turn its in-commit timestamps off or change its table id. {@code before} and
     * {@code beforeMetadata} are null for a new table.
     */
    public static void checkCommit(
            String where, Protocol before, Metadata beforeMetadata, Protocol after, Metadata afterMetadata) {
        boolean was = before != null && isCatalogManaged(before);
        boolean is = isCatalogManaged(after);
        if (before != null && !was && is) {
            throw DeltaSqlErrors.unsupported(where + ": an existing table cannot become catalog-managed (Delta"
                    + " has no such upgrade); create a new table with delta.feature.catalogManaged=supported");
        }
        if (was && !is) {
            throw DeltaSqlErrors.unsupported(where + ": a catalog-managed table stays catalog-managed");
        }
        if (!is || afterMetadata == null) {
            return;
        }
        Map<String, String> config = afterMetadata.configuration();
        if (!FeatureProperties.isTrue(config, FeatureProperties.IN_COMMIT_TIMESTAMPS)) {
            throw DeltaSqlErrors.invalid(where + ": a catalog-managed table keeps in-commit timestamps ("
                    + FeatureProperties.IN_COMMIT_TIMESTAMPS + "=true)");
        }
        String id = config.get(TABLE_ID);
        if (id == null) {
            throw DeltaSqlErrors.invalid(where + ": a catalog-managed table needs its table id (" + TABLE_ID + ")");
        }
        uuidOf(where, id);
        String beforeId =
                beforeMetadata == null ? null : beforeMetadata.configuration().get(TABLE_ID);
        if (beforeId != null && !Objects.equals(beforeId, id)) {
            throw DeltaSqlErrors.invalid(
                    where + ": the table id (" + TABLE_ID + ") of a catalog-managed table cannot change");
        }
    }

    /**
     * The catalog's uuid for a table id: its 32 hex digits, lower case ({@code table_uuid}'s form);
     * a table id that is not a UUID is refused.
     */
    public static String uuidOf(String where, String tableId) {
        try {
            UUID u = UUID.fromString(tableId);
            if (!u.toString().equalsIgnoreCase(tableId)) {
                throw new IllegalArgumentException("not in canonical form");
            }
            return u.toString().replace("-", "");
        } catch (IllegalArgumentException e) {
            throw DeltaSqlErrors.invalid(where + ": the table id '" + tableId + "' (" + TABLE_ID + ") is not a UUID");
        }
    }

    /** The catalog uuid of a table with this protocol and metaData: its table id's for a catalog-managed table, else null (a random one). */
    public static String catalogUuid(String where, Protocol protocol, Metadata metadata) {
        if (!isCatalogManaged(protocol) || metadata == null) {
            return null;
        }
        String id = metadata.configuration().get(TABLE_ID);
        return id == null ? null : uuidOf(where, id);
    }

    /** The table id of a table whose catalog uuid is {@code uuid} (32 hex digits). */
    public static String tableIdOf(String uuid) {
        return uuid.substring(0, 8) + "-" + uuid.substring(8, 12) + "-" + uuid.substring(12, 16) + "-"
                + uuid.substring(16, 20) + "-" + uuid.substring(20);
    }
}
