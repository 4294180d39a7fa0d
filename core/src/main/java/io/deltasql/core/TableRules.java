package io.deltasql.core;

import io.deltasql.core.internal.commit.CatalogManagedRules;
import io.deltasql.core.internal.commit.FeatureProperties;
import io.deltasql.core.internal.commit.NewTables;
import io.deltasql.core.internal.commit.ProtocolSupport;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.Map;

/**
 * The rules a new or changed table must meet, for callers that stage a change before committing
 * it (the SQL facade): they refuse bad input at the statement, with the same message and SQLState
 * the commit itself would give.
 */
public final class TableRules {
    /** The Delta property that sets a table's column mapping mode. */
    public static final String COLUMN_MAPPING_MODE = FeatureProperties.COLUMN_MAPPING_MODE;
    /** The property holding a catalog-managed table's id, by which Delta's catalog clients know it. */
    public static final String CATALOG_TABLE_ID = CatalogManagedRules.TABLE_ID;

    private TableRules() {}

    /** Refuses a create request whose name, location, schema, partitioning or properties are invalid. */
    public static void checkCreate(CreateTableRequest request) {
        NewTables.check(request);
    }

    /** The protocol a table created by {@code request} starts with: the features its properties ask for. */
    public static Protocol protocolFor(CreateTableRequest request) {
        return NewTables.protocolFor(request);
    }

    /** The metadata a table created by {@code request} at {@code createdMillis} starts with. */
    public static Metadata metadataFor(CreateTableRequest request, long createdMillis) {
        return NewTables.metadataFor(request, createdMillis);
    }

    /** Refuses table properties deltasql cannot store or honour. */
    public static void checkProperties(String table, Map<String, String> properties) {
        NewTables.checkProperties(table, properties);
    }

    /** Refuses properties that ask for a table feature deltasql cannot turn on for a table at {@code current}. */
    public static void checkEnableable(String table, Map<String, String> properties, Protocol current) {
        FeatureProperties.requested(table, properties).checkEnableable(table, current);
    }

    /** True for a catalog-managed table: a catalog orders its commits (the {@code catalogManaged} feature). */
    public static boolean isCatalogManaged(Protocol protocol) {
        return CatalogManagedRules.isCatalogManaged(protocol);
    }

    /** Why deltasql only reads a table of protocol {@code protocol}, or null when it writes it. */
    public static String readOnlyReason(Protocol protocol) {
        return ProtocolSupport.readOnlyReason(protocol);
    }
}
