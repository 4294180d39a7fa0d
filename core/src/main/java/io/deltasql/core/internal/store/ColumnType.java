package io.deltasql.core.internal.store;

/** Portable column types of the catalog schema; each dialect renders them. */
public enum ColumnType {
    /** 64-bit integer. */
    BIGINT,
    /** Small integer used for booleans (0/1) and small counts. */
    SMALLINT,
    /** Identifier-sized text that may be part of a key (table names, app ids, domains). */
    NAME,
    /** Fixed 32-character key (hex digest). */
    KEY32,
    /** Unbounded text: JSON documents, paths, statistics. */
    TEXT,
    /** Unbounded binary value (file-list checkpoint parts). */
    BLOB,
    /** Auto-generated 64-bit primary key. */
    IDENTITY
}
