package io.deltasql.core.internal.store;

import io.deltasql.core.CommitResult;
import io.deltasql.core.CommittedVersion;
import java.util.List;

/**
 * What a commit transaction returned: each version this process wrote, with the snapshot header
 * of the new version (cached once the transaction committed) — or, when a failed COMMIT had to be
 * resolved by commit id, only the results found, without versions or headers.
 */
record Landed(List<CommitResult> results, List<CommittedVersion> versions, List<SnapshotHeader> headers) {

    static Landed written(List<CommittedVersion> versions, List<SnapshotHeader> headers) {
        return new Landed(versions.stream().map(CommittedVersion::result).toList(), versions, headers);
    }

    static Landed lookedUp(List<CommitResult> results) {
        return new Landed(results, List.of(), List.of());
    }
}
