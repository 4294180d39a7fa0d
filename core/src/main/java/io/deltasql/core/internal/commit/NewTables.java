package io.deltasql.core.internal.commit;

import io.deltasql.core.CatalogLimit;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.protocol.Format;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.TableSchemas;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Checks a table definition and derives its version 0: the protocol its properties need, and its metaData. */
public final class NewTables {
    public static final int MAX_NAME_LENGTH = CatalogLimit.TABLE_NAME.max();

    private NewTables() {}

    /** Refuses names that cannot be a table name: empty, too long, with control characters, or with '$' (it separates virtual tables like {@code t$files}). */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw DeltaSqlErrors.invalid("a Delta table needs a name");
        }
        CatalogLimit.TABLE_NAME.check("Delta table '" + CatalogLimits.shorten(name) + "'", name);
        if (!name.strip().equals(name)) {
            throw DeltaSqlErrors.invalid("Delta table name '" + name + "' must not start or end with white space");
        }
        if (name.indexOf('$') >= 0) {
            throw DeltaSqlErrors.invalid("Delta table name '" + name
                    + "' must not contain '$' (it separates virtual tables such as t$files)");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw DeltaSqlErrors.invalid(
                    "Delta table name '" + name.replaceAll("\\p{Cntrl}", "?") + "' contains control characters");
        }
    }

    /** A location is an absolute local path or a URI with a scheme (file:, s3:, abfss:, gs:, …). */
    public static void checkLocation(String table, String location) {
        if (location == null || location.isBlank()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "' needs a location");
        }
        CatalogLimit.LOCATION.check("Delta table '" + table + "'", location);
        if (location.indexOf('\0') >= 0) {
            // No file system has NUL in a path (Path.of would throw InvalidPathException, not a clear error).
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': location '" + location.replace('\0', '?')
                    + "' contains the NUL character (U+0000)");
        }
        boolean uri = false;
        try {
            URI u = new URI(location);
            uri = u.getScheme() != null && u.getScheme().length() > 1 && u.isAbsolute();
        } catch (Exception e) {
            uri = false;
        }
        if (!uri && !Path.of(location).isAbsolute()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': location '" + location
                    + "' must be an absolute path or a URI such as file:/data/t or s3://bucket/t");
        }
    }

    /**
     * The lowest protocol a new table needs: the features its properties turn on (and those they
     * need) and those its schema's types need ({@code timestampNtz}, {@code variantType}), built
     * as Delta builds it from {@link ProtocolUpgrade#NEW_TABLE}. {@code r} passed {@link #check}.
     */
    public static Protocol protocolFor(CreateTableRequest r) {
        FeatureProperties.Requested requested = FeatureProperties.requested(r.name(), r.properties());
        requested.checkEnableable(r.name(), ProtocolUpgrade.NEW_TABLE);
        Set<TableFeature> needed = new LinkedHashSet<>(requested.features());
        SchemaTypeFeatures.of(r.schemaString())
                .forEach(id -> needed.add(TableFeature.byId(id).orElseThrow()));
        return ProtocolUpgrade.upgrade(
                ProtocolUpgrade.NEW_TABLE, needed, requested.minReaderVersion(), requested.minWriterVersion());
    }

    /**
     * Version 0's metaData: the request's properties without the protocol requests, and what the
     * features they turn on add (column-mapping ids and physical names, row tracking's columns, a
     * catalog-managed table's in-commit timestamps and table id).
     */
    public static Metadata metadataFor(CreateTableRequest r, long now) {
        Map<String, String> properties = CatalogManagedRules.isCatalogManaged(protocolFor(r))
                ? CatalogManagedRules.newTableProperties(r.name(), r.properties())
                : r.properties();
        Metadata asked = new Metadata(
                UUID.randomUUID().toString(),
                null,
                r.description(),
                new Format("parquet", Map.of(), Map.of()),
                r.schemaString(),
                r.partitionColumns(),
                properties,
                now,
                Map.of());
        return FeatureRules.ruledMetadata(
                "Delta table '" + r.name() + "'", null, ProtocolUpgrade.NEW_TABLE, asked, false, 0, now);
    }

    /** All checks of a create request that need no database. */
    public static void check(CreateTableRequest r) {
        checkName(r.name());
        checkLocation(r.name(), r.location());
        CatalogLimits.checkCreate(r);
        TableSchemas.validateDefinition(
                "Delta table '" + r.name() + "'", r.name(), r.schemaString(), r.partitionColumns());
        checkProperties(r.name(), r.properties());
    }

    /**
     * The checks of a table's properties on their own: for a property change, which keeps the
     * table's schema as it is (an imported table's schema is not judged by the rules for new ones).
     */
    public static void checkProperties(String table, Map<String, String> properties) {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
                throw DeltaSqlErrors.invalid(
                        "Delta table '" + table + "': property " + e.getKey() + " needs a name and a value");
            }
        }
        FeatureProperties.requested(table, properties); // refuses values its properties cannot have
        String interval = properties.get("delta.checkpointInterval");
        if (interval != null) {
            try {
                if (Integer.parseInt(interval.trim()) <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw DeltaSqlErrors.invalid("Delta table '" + table
                        + "': delta.checkpointInterval must be a positive whole number, was '" + interval + "'");
            }
        }
    }
}
