package io.deltasql.core;

/**
 * An idempotent writer re-sent a {@code txn} (appId, version) that is not newer than the one the
 * table recorded: the write was already applied, so it is not committed twice.
 */
public final class TransactionAlreadyAppliedException extends DuplicateValueException {
    private final String appId;
    private final long requestedVersion;
    private final long recordedVersion;

    public TransactionAlreadyAppliedException(String table, String appId, long requestedVersion, long recordedVersion) {
        super("Delta table '" + table + "': transaction of application '" + appId + "' version " + requestedVersion
                + " was already applied (recorded version " + recordedVersion + "); nothing committed");
        this.appId = appId;
        this.requestedVersion = requestedVersion;
        this.recordedVersion = recordedVersion;
    }

    public String appId() {
        return appId;
    }

    public long requestedVersion() {
        return requestedVersion;
    }

    public long recordedVersion() {
        return recordedVersion;
    }
}
