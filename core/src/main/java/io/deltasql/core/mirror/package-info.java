/**
 * The {@code _delta_log} mirror: every version committed in the catalog is written to the table's
 * {@code _delta_log} as the Delta JSON commit file ({@code <20-digit version>.json}, exactly the
 * catalog's action lines), strictly in order per table, created only if absent; a classic Parquet
 * checkpoint and {@code _last_checkpoint} follow at the table's {@code delta.checkpointInterval}
 * (default 10), written by Delta Kernel.
 *
 * <ul>
 *   <li>{@link io.deltasql.core.mirror.MirrorWriter} writes versions and records the outcome in the
 *       catalog's {@link io.deltasql.core.MirrorLedger} ({@code markMirrored} /
 *       {@code markMirrorFailed}), never back through {@link io.deltasql.core.DeltaCatalog}; a
 *       commit file with other content means another engine writes the table, which is then
 *       blocked.</li>
 *   <li>{@code MirrorMarks} forces written files to disk and records them as mirrored in batches,
 *       off the committing thread; {@code BackgroundCheckpoints} writes checkpoints on a background
 *       thread.</li>
 *   <li>{@link io.deltasql.core.mirror.DeltaLogMirror} is the commit listener that mirrors right
 *       after each commit, from the lines the commit had, the tables of a multi-table commit in
 *       parallel.</li>
 *   <li>{@link io.deltasql.core.mirror.MirrorReconciler} completes pending versions and finds
 *       outside writers, once or on a background thread.</li>
 * </ul>
 *
 * Only local table locations (absolute paths and {@code file:} URIs) are supported; versions of
 * tables elsewhere stay pending with an error that says so.
 */
package io.deltasql.core.mirror;
