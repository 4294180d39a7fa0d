package io.deltasql.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.Snapshot;
import io.deltasql.core.StagedCommitFile;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableRules;
import io.deltasql.core.managed.CatalogManagedTables;
import java.util.Map;

/**
 * The Unity Catalog REST operations Delta's catalog-managed table clients call (the metastore id,
 * a table by name, finalising a created table, getting and posting commits), on a deltasql catalog.
 * The server is one Unity Catalog catalog ({@value #CATALOG}) with one schema ({@value #SCHEMA});
 * a table's Unity Catalog name is {@code deltasql.default.<deltasql table name>}.
 */
final class UnityCatalogApi {
    static final String CATALOG = "deltasql";
    static final String SCHEMA = "default";

    private final DeltaCatalog catalog;
    private final CatalogManagedTables managed;
    private final String metastoreId;
    private final ObjectMapper json;

    UnityCatalogApi(DeltaCatalog catalog, String metastoreId, ObjectMapper json) {
        this.catalog = catalog;
        this.managed = new CatalogManagedTables(catalog);
        this.metastoreId = metastoreId;
        this.json = json;
    }

    ObjectNode metastoreSummary() {
        ObjectNode out = json.createObjectNode();
        out.put("metastore_id", metastoreId);
        out.put("name", CATALOG);
        return out;
    }

    /** {@code GET /tables/{full_name}}. */
    ObjectNode getTable(String fullName) {
        String name = tableName(fullName);
        TableInfo t = catalog.findTable(name)
                .orElseThrow(() -> UnityCatalogError.notFound("Table '" + fullName + "' does not exist."));
        return tableInfo(t, catalog.snapshot(t.name()));
    }

    /**
     * {@code POST /tables}: a client created a catalog-managed table by writing its version 0 at
     * {@code storage_location}; the catalog registers it under {@code name} with the id of its
     * {@code io.unitycatalog.tableId} property.
     */
    ObjectNode createTable(JsonNode body) {
        String catalogName = text(body, "catalog_name");
        String schemaName = text(body, "schema_name");
        requireOurs(catalogName, schemaName);
        String name = text(body, "name");
        String location = text(body, "storage_location");
        String type = body.path("table_type").asText("MANAGED");
        if (!"MANAGED".equals(type)) {
            throw UnityCatalogError.invalid("table_type " + type + ": this catalog creates MANAGED (catalog-managed)"
                    + " tables; register other Delta tables with bin/deltasql import");
        }
        String format = body.path("data_source_format").asText("DELTA");
        if (!"DELTA".equals(format)) {
            throw UnityCatalogError.invalid("data_source_format " + format + ": only DELTA tables");
        }
        String tableId =
                body.path("properties").path(TableRules.CATALOG_TABLE_ID).asText(null);
        if (tableId == null) {
            throw UnityCatalogError.invalid(
                    "properties." + TableRules.CATALOG_TABLE_ID + " is required: the id the client gave the table");
        }
        TableInfo t = managed.registerCreated(name, location, tableId);
        return tableInfo(t, catalog.snapshot(t.name()));
    }

    /** {@code GET /delta/preview/commits}: the ratified versions not yet published, and the latest version. */
    ObjectNode getCommits(JsonNode body) {
        TableInfo t = table(body);
        long start = body.path("start_version").asLong(0);
        if (start < 0) {
            throw UnityCatalogError.invalid("start_version must be >= 0, was " + start);
        }
        Long end = body.hasNonNull("end_version") ? body.get("end_version").asLong() : null;
        CatalogManagedTables.Commits commits = managed.commits(t, start, end);
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("commits");
        for (StagedCommitFile f : commits.commits()) {
            ObjectNode c = list.addObject();
            c.put("version", f.version());
            c.put("timestamp", f.timestamp());
            c.put("file_name", f.fileName());
            c.put("file_size", f.fileSize());
            c.put("file_modification_timestamp", f.fileModificationTime());
        }
        out.put("latest_table_version", commits.latestVersion());
        return out;
    }

    /**
     * {@code POST /delta/preview/commits}: ratify the staged commit in {@code commit_info} (if
     * any) and note the client's {@code latest_backfilled_version}.
     */
    ObjectNode postCommit(JsonNode body) {
        TableInfo t = table(body);
        JsonNode info = body.path("commit_info");
        if (!info.isMissingNode() && !info.isNull()) {
            long version = number(info, "version");
            CommitResult r = managed.commit(
                    t,
                    version,
                    text(info, "file_name"),
                    number(info, "file_size"),
                    number(info, "file_modification_timestamp"));
            t = catalog.table(r.table());
        }
        if (body.hasNonNull("latest_backfilled_version")) {
            managed.published(t, body.get("latest_backfilled_version").asLong());
        }
        return json.createObjectNode();
    }

    /** The catalog-managed table a commits request names by {@code table_id}, at {@code table_uri}. */
    private TableInfo table(JsonNode body) {
        String id = text(body, "table_id");
        TableInfo t = managed.table(id)
                .orElseThrow(() -> UnityCatalogError.notFound("Table with id " + id + " does not exist."));
        if (!TableRules.isCatalogManaged(catalog.snapshot(t.name()).protocol())) {
            throw UnityCatalogError.invalid("Table '" + t.name() + "' (id " + id + ") is not catalog-managed.");
        }
        String uri = body.path("table_uri").asText(null);
        if (uri != null && !CatalogManagedTables.isLocationOf(t, uri)) {
            throw UnityCatalogError.invalid(
                    "table_uri " + uri + " is not the location of table '" + t.name() + "' (id " + id + ")");
        }
        return t;
    }

    private ObjectNode tableInfo(TableInfo t, Snapshot s) {
        ObjectNode out = json.createObjectNode();
        out.put("name", t.name());
        out.put("catalog_name", CATALOG);
        out.put("schema_name", SCHEMA);
        boolean catalogManaged = TableRules.isCatalogManaged(s.protocol());
        out.put("table_type", catalogManaged ? "MANAGED" : "EXTERNAL");
        out.put("data_source_format", "DELTA");
        out.putArray("columns");
        out.put("storage_location", t.location());
        out.put("table_id", CatalogManagedTables.tableId(t));
        ObjectNode props = out.putObject("properties");
        for (Map.Entry<String, String> e : s.metadata().configuration().entrySet()) {
            props.put(e.getKey(), e.getValue());
        }
        out.put("created_at", t.createdAt());
        out.put("updated_at", t.headTimestamp());
        return out;
    }

    private static String tableName(String fullName) {
        String[] parts = fullName.split("\\.", 3);
        if (parts.length != 3) {
            throw UnityCatalogError.invalid("'" + fullName + "' is not a full table name (catalog.schema.table)");
        }
        requireOurs(parts[0], parts[1]);
        return parts[2];
    }

    private static void requireOurs(String catalogName, String schemaName) {
        if (!CATALOG.equals(catalogName)) {
            throw UnityCatalogError.notFound(
                    "Catalog '" + catalogName + "' does not exist; this server is catalog '" + CATALOG + "'.");
        }
        if (!SCHEMA.equals(schemaName)) {
            throw UnityCatalogError.notFound("Schema '" + catalogName + "." + schemaName + "' does not exist; this"
                    + " server has schema '" + CATALOG + "." + SCHEMA + "'.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isEmpty()) {
            throw UnityCatalogError.invalid(field + " is required");
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw UnityCatalogError.invalid(field + " is required (a whole number)");
        }
        return v.asLong();
    }
}
