package io.deltasql.core;

import java.util.List;

/**
 * How far a table's {@code _delta_log} mirror has got: every version up to
 * {@code mirroredVersion} is in the log; {@code pending} versions (with their last error) are
 * not yet; {@code blockedReason} is set when an outside writer was found and commits are refused.
 */
public record MirrorStatus(String table, long headVersion, long mirroredVersion, List<PendingVersion> pending,
                           String blockedReason) {
    public MirrorStatus {
        pending = List.copyOf(pending);
    }

    /** A committed version not yet written to the log, and why the last attempt failed (null if none was made). */
    public record PendingVersion(String table, long version, String lastError) {
    }

    /** A version known to be complete in the table's {@code _delta_log}, to be recorded as mirrored. */
    public record Mark(long tableId, String table, long version) {
    }

    public boolean blocked() {
        return blockedReason != null;
    }
}
