/**
 * The {@code _delta_log} mirror's API: every version committed in the catalog is written to the
 * table's {@code _delta_log} as the Delta JSON commit file ({@code <20-digit version>.json}, exactly
 * the catalog's action lines), strictly in order per table, created only if absent; a classic
 * Parquet checkpoint and {@code _last_checkpoint} follow at the table's
 * {@code delta.checkpointInterval} (default 10), written by Delta Kernel.
 *
 * <ul>
 *   <li>{@link io.deltasql.core.mirror.DeltaLogMirror} is the commit listener that mirrors right
 *       after each commit ({@code DeltaLogMirror.install(catalog)}).</li>
 *   <li>{@link io.deltasql.core.mirror.MirrorReconciler} completes pending versions and finds
 *       outside writers, once or on a background thread; made from the installed mirror, it shares
 *       its writer.</li>
 *   <li>{@link io.deltasql.core.mirror.Checkpointer} is what writes a checkpoint once the mirror
 *       found one due: Delta Kernel by default, or the caller's own.</li>
 *   <li>{@link io.deltasql.core.mirror.UnsupportedLocationException}: a table location no store of
 *       deltasql's storage layer serves (import and verify refuse it too).</li>
 * </ul>
 *
 * <p>The implementation is in {@code io.deltasql.core.internal.mirror}: the writer, which records
 * its progress in the catalog's {@link io.deltasql.core.MirrorLedger} and never back through
 * {@link io.deltasql.core.DeltaCatalog} (a commit file with other content means another engine
 * writes the table, which is then blocked); the batched, durable "mirrored" marks; background
 * checkpoints; the file operations and table paths. Tables live on local disks, S3 or Azure
 * ({@code io.deltasql.core.internal.storage}, docs/STORAGE.md); a commit file is created only if
 * absent there too (a hard link locally, {@code If-None-Match: *} on the object stores).
 */
package io.deltasql.core.mirror;
