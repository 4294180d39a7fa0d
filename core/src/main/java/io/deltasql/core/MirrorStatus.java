package io.deltasql.core;

import java.util.List;

/**
 * How far a table's {@code _delta_log} mirror has got: every version up to
 * {@code mirroredVersion} is in the log; {@code pending} versions (with their last error) are
 * not yet; {@code blockedReason} is set when an outside writer was found and commits are refused.
 */
public record MirrorStatus(
        String table, long headVersion, long mirroredVersion, List<PendingVersion> pending, String blockedReason) {
    /** How a pending version's error starts when the table's location cannot be written at all. */
    public static final String LOCATION_BLOCKED = "location cannot be written: ";

    public MirrorStatus {
        pending = List.copyOf(pending);
    }

    /** A committed version not yet written to the log, and why the last attempt failed (null if none was made). */
    public record PendingVersion(String table, long version, String lastError) {}

    /** A version known to be complete in the table's {@code _delta_log}, to be recorded as mirrored. */
    public record Mark(long tableId, String table, long version) {}

    public boolean blocked() {
        return blockedReason != null;
    }

    /**
     * Why the mirror is stuck: the outside writer that blocks commits, or else a location the mirror
     * cannot write (permissions, a file where a directory should be) — commits still land, but
     * nothing reaches the {@code _delta_log} until the location is fixed. Null when neither.
     */
    public String mirrorBlockedReason() {
        if (blockedReason != null) {
            return blockedReason;
        }
        if (!pending.isEmpty()) {
            String error = pending.get(0).lastError();
            if (error != null && error.startsWith(LOCATION_BLOCKED)) {
                return error;
            }
        }
        return null;
    }
}
