package io.deltasql.core.commit;

import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.protocol.Format;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Checks a table definition and derives its version 0: the protocol its properties need, and its metaData. */
public final class NewTables {
    public static final int MAX_NAME_LENGTH = CatalogLimit.TABLE_NAME.max();

    private NewTables() {
    }

    /** Refuses names that cannot be a table name: empty, too long, with control characters, or with '$' (it separates virtual tables like {@code t$files}). */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("a Delta table needs a name");
        }
        CatalogLimit.TABLE_NAME.check("Delta table '" + CatalogLimits.shorten(name) + "'", name);
        if (!name.strip().equals(name)) {
            throw new InvalidRequestException("Delta table name '" + name + "' must not start or end with white space");
        }
        if (name.indexOf('$') >= 0) {
            throw new InvalidRequestException("Delta table name '" + name + "' must not contain '$' (it separates virtual tables such as t$files)");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("Delta table name '" + name.replaceAll("\\p{Cntrl}", "?") + "' contains control characters");
        }
    }

    /** A location is an absolute local path or a URI with a scheme (file:, s3:, abfss:, gs:, …). */
    public static void checkLocation(String table, String location) {
        if (location == null || location.isBlank()) {
            throw new InvalidRequestException("Delta table '" + table + "' needs a location");
        }
        CatalogLimit.LOCATION.check("Delta table '" + table + "'", location);
        if (location.indexOf('\0') >= 0) {
            // No file system has NUL in a path (Path.of would throw InvalidPathException, not a clear error).
            throw new InvalidRequestException("Delta table '" + table + "': location '" + location.replace('\0', '?')
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
            throw new InvalidRequestException("Delta table '" + table + "': location '" + location
                    + "' must be an absolute path or a URI such as file:/data/t or s3://bucket/t");
        }
    }

    /**
     * The lowest protocol a new table needs: the features its properties turn on and those its
     * schema's types need ({@code timestampNtz}, {@code variantType}). {@code r} passed {@link #check}.
     */
    public static Protocol protocolFor(CreateTableRequest r) {
        return protocolFor(r.properties(), SchemaTypeFeatures.of(r.schemaString()));
    }

    /** The lowest protocol that supports the features the table's properties turn on. */
    public static Protocol protocolFor(Map<String, String> properties) {
        return protocolFor(properties, List.of());
    }

    private static Protocol protocolFor(Map<String, String> properties, List<String> typeFeatures) {
        boolean dv = isTrue(properties.get("delta.enableDeletionVectors"));
        boolean cdf = isTrue(properties.get("delta.enableChangeDataFeed"));
        String cm = properties.getOrDefault("delta.columnMapping.mode", "none");
        boolean columnMapping = !"none".equalsIgnoreCase(cm);
        if (dv || !typeFeatures.isEmpty()) {
            // Table features (reader 3 / writer 7) list every feature the table uses by name.
            List<String> reader = new ArrayList<>(dv ? List.of("deletionVectors") : List.of());
            List<String> writer = new ArrayList<>(reader);
            reader.addAll(typeFeatures);
            writer.addAll(typeFeatures);
            if (columnMapping) {
                reader.add("columnMapping");
                writer.add("columnMapping");
            }
            if (cdf) {
                writer.add("changeDataFeed");
            }
            if (isTrue(properties.get("delta.appendOnly"))) {
                writer.add("appendOnly");
            }
            return new Protocol(3, 7, reader, writer, Map.of());
        }
        int writer = columnMapping ? 5 : cdf ? 4 : 2;
        return new Protocol(columnMapping ? 2 : 1, writer);
    }

    public static Metadata metadataFor(CreateTableRequest r, long now) {
        return new Metadata(UUID.randomUUID().toString(), null, r.description(), new Format("parquet", Map.of(), Map.of()),
                r.schemaString(), r.partitionColumns(), r.properties(), now, Map.of());
    }

    /** All checks of a create request that need no database. */
    public static void check(CreateTableRequest r) {
        checkName(r.name());
        checkLocation(r.name(), r.location());
        CatalogLimits.checkCreate(r);
        TableSchemas.validateDefinition("Delta table '" + r.name() + "'", r.name(), r.schemaString(), r.partitionColumns());
        checkProperties(r.name(), r.properties());
    }

    /**
     * The checks of a table's properties on their own: for a property change, which keeps the
     * table's schema as it is (an imported table's schema is not judged by the rules for new ones).
     */
    public static void checkProperties(String table, Map<String, String> properties) {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
                throw new InvalidRequestException("Delta table '" + table + "': property " + e.getKey() + " needs a name and a value");
            }
        }
        String mode = properties.get("delta.columnMapping.mode");
        if (mode != null && !List.of("none", "name", "id").contains(mode.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidRequestException("Delta table '" + table + "': delta.columnMapping.mode must be none, name or id, was '" + mode + "'");
        }
        String interval = properties.get("delta.checkpointInterval");
        if (interval != null) {
            try {
                if (Integer.parseInt(interval.trim()) <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("Delta table '" + table + "': delta.checkpointInterval must be a positive whole number, was '" + interval + "'");
            }
        }
    }

    private static boolean isTrue(String v) {
        return v != null && "true".equalsIgnoreCase(v.trim());
    }
}
