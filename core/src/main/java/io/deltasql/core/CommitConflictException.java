package io.deltasql.core;

/**
 * A commit lost to a concurrent one under Delta's WriteSerializable rules. The whole commit (or
 * multi-table transaction) was rolled back; re-read the table and try again.
 */
public final class CommitConflictException extends ConflictException {
    /** Delta's conflict kinds, named after Delta's own exceptions. */
    public enum Kind {
        CONCURRENT_APPEND,
        CONCURRENT_DELETE_READ,
        CONCURRENT_DELETE_DELETE,
        METADATA_CHANGED,
        PROTOCOL_CHANGED,
        CONCURRENT_TRANSACTION,
        CONCURRENT_DOMAIN_METADATA,
        /** The exact version a catalog-managed table's client staged its commit for was taken (Delta's ConcurrentWriteException). */
        CONCURRENT_WRITE
    }

    private final String table;
    private final long readVersion;
    private final long conflictingVersion;
    private final Kind kind;
    private final String detail;

    public CommitConflictException(String table, long readVersion, long conflictingVersion, Kind kind, String detail) {
        super(
                "Commit conflict on Delta table '" + table + "' (" + kind + "): read at version " + readVersion
                        + ", version " + conflictingVersion + " committed concurrently " + detail
                        + "; nothing was committed, re-read the table and retry",
                null);
        this.table = table;
        this.readVersion = readVersion;
        this.conflictingVersion = conflictingVersion;
        this.kind = kind;
        this.detail = detail;
    }

    public String table() {
        return table;
    }

    public long readVersion() {
        return readVersion;
    }

    public long conflictingVersion() {
        return conflictingVersion;
    }

    public Kind kind() {
        return kind;
    }

    /** What the concurrent commit touched, e.g. {@code removed file 'a.parquet'}. */
    public String detail() {
        return detail;
    }
}
