package io.deltasql.core;

/**
 * The largest value of each kind the catalog accepts, in characters, all in one place (docs/CORE.md
 * lists them). Every limit stays below what each catalog database can hold and send: names stored
 * in {@code VARCHAR(512)} columns (PostgreSQL, MariaDB) stay at 256 or below; text stored in
 * {@code TEXT}/{@code LONGTEXT} columns is bounded so that one row stays below MariaDB's default
 * {@code max_allowed_packet} (16 MB, which ends the connection when exceeded) even at three bytes
 * per character; and every JSON string stays far below Jackson's 20 million character limit, which
 * Delta Kernel and our own reader apply when they read the value back. A value beyond a limit is
 * refused with SQLState 22023 before anything is written.
 */
public enum CatalogLimit {
    TABLE_NAME("table name", 255),
    LOCATION("table location", 4_096),
    /** Beyond any file system or object store (S3 keys 1024 bytes, Windows 32767). */
    FILE_PATH("file path", 32_768),
    SCHEMA_STRING("schema string", 2_097_152),
    PARTITION_COLUMN_NAME("partition column name", 1_024),
    PROPERTY_KEY("property key", 1_024),
    PROPERTY_VALUE("property value", 65_536),
    /** All keys and values together: a property change repeats them in its commitInfo. */
    PROPERTIES_TOTAL("properties (keys and values together)", 262_144),
    DESCRIPTION("table description", 65_536),
    PARTITION_VALUES("partition values (keys and values together)", 65_536),
    TAGS("tags (keys and values together)", 65_536),
    STATS("stats", 1_048_576),
    /** Fields of add/remove/cdc actions that deltasql does not model, as JSON. */
    OTHER_FIELDS("other fields as JSON", 65_536),
    /** Stored in a VARCHAR(512) column. */
    OPERATION("operation", 256),
    OPERATION_PARAMETERS("operation parameters as JSON", 2_097_152),
    OPERATION_METRICS("operation metrics as JSON", 65_536),
    USER_METADATA("user metadata", 65_536),
    /** Stored in a VARCHAR(512) column. */
    COMMIT_ID("commit id", 256),
    /** Stored in a VARCHAR(512) column. */
    APP_ID("application id of a txn action", 256),
    /** Stored in a VARCHAR(512) column. */
    DOMAIN("domain name", 256),
    /** Stored in a VARCHAR(512) column. */
    ACTION_KIND("action kind", 256),
    /** Any one action but add and remove (whose fields are bounded one by one), as JSON: one catalog row. */
    ACTION("action as JSON", 4_194_304),
    /**
     * One SQL statement's text: a 100,000-row INSERT of paths, sizes and partition values fits, and
     * parsing and planning it (several copies of its text) stays within a server's heap of 256 MB.
     */
    STATEMENT("SQL statement", 8_388_608);

    private final String what;
    private final int max;

    CatalogLimit(String what, int max) {
        this.what = what;
        this.max = max;
    }

    /** What the limit bounds, as a message names it. */
    public String what() {
        return what;
    }

    /** The most characters accepted. */
    public int max() {
        return max;
    }

    /**
     * Refuses {@code length} characters beyond the limit: {@code where} (e.g. "Delta table 't'") starts
     * the message, which then says "property key is 70000 characters; the limit is 1024".
     */
    public void check(String where, long length) {
        if (length > max) {
            throw DeltaSqlErrors.invalid(where + ": " + what + " is " + length + " characters; the limit is " + max);
        }
    }

    /** As {@link #check(String, long)} for a text; null passes. */
    public void check(String where, String text) {
        if (text != null) {
            check(where, text.length());
        }
    }
}
