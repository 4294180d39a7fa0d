package io.deltasql.core;

import java.util.List;

/**
 * The catalog's record of each table's {@code _delta_log} mirror: which versions are in the log,
 * which are pending and why, and which tables an outside writer blocked. The mirror
 * ({@code io.deltasql.core.mirror}) keeps its bookkeeping here rather than through
 * {@link DeltaCatalog}, so recording its progress never calls back into the catalog's listeners.
 *
 * <p>Reads report what the catalog holds now. Marks the mirror has written but not yet recorded
 * (it records them in batches) are not in it: the mirror records its own before it reads, and
 * {@link DeltaCatalog#mirrorStatus} and {@link DeltaCatalog#pendingMirrors} ask the commit
 * listeners to record theirs ({@link CommitListener#flush}) before they read here.
 */
public interface MirrorLedger {
    /** How far {@code table}'s log is mirrored, with its head as {@code table} gives it. */
    MirrorStatus status(TableInfo table);

    /** Every committed version of every table not yet mirrored, by table and version. */
    List<MirrorStatus.PendingVersion> pending();

    /** Records versions (of any tables) as in their logs; marks of dropped tables change nothing. */
    void markMirrored(List<MirrorStatus.Mark> marks);

    /** Records why mirroring {@code version} failed; it stays pending. */
    void markMirrorFailed(TableInfo table, long version, String error);

    /** Refuses commits to {@code table} until it is re-imported: its log gained a version deltasql did not write. */
    void block(TableInfo table, String reason);
}
