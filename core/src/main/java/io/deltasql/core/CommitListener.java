package io.deltasql.core;

import java.util.List;

/**
 * Told about every commit right after its database transaction committed (on the committing
 * thread). The mirror is one. A listener's failure never undoes or fails the commit.
 */
@FunctionalInterface
public interface CommitListener {
    void committed(List<CommitResult> results);

    /**
     * The same notification with each version's lines and metaData, when the committing catalog
     * has them (it has not after a commit whose outcome had to be looked up); listeners that can
     * use them override this.
     */
    default void committedVersions(List<CommittedVersion> versions) {
        committed(versions.stream().map(CommittedVersion::result).toList());
    }

    /**
     * Records in the catalog whatever the listener deferred, so that what the catalog reports next
     * (the mirror status) is up to date. Called before {@link DeltaCatalog#mirrorStatus} and
     * {@link DeltaCatalog#pendingMirrors} read; reads of the {@link MirrorLedger} itself do not call it.
     */
    default void flush() {}

    /** The catalog is closing: finish deferred work or leave it to be completed later. */
    default void close() {}
}
