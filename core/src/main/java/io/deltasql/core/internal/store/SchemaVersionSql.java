package io.deltasql.core.internal.store;

/** The SQL of {@code ds_schema_version}: one row per schema migration applied to the catalog. */
final class SchemaVersionSql {
    private SchemaVersionSql() {}

    /** The newest migration applied (NULL, read as 0, before the first). */
    static final String APPLIED_VERSION = "SELECT MAX(version) FROM ds_schema_version";

    static final String RECORD_MIGRATION =
            "INSERT INTO ds_schema_version (version, description, applied_at) VALUES (?, ?, ?)";
}
