/**
 * The mirror's implementation behind {@link io.deltasql.core.mirror.DeltaLogMirror} and
 * {@link io.deltasql.core.mirror.MirrorReconciler}: {@link io.deltasql.core.internal.mirror.MirrorWriter}
 * writes versions in order and records them in the {@link io.deltasql.core.MirrorLedger};
 * {@link io.deltasql.core.internal.mirror.MirrorMarks} forces written files to disk and records
 * them as mirrored in batches; {@link io.deltasql.core.internal.mirror.BackgroundCheckpoints}
 * writes checkpoints off the committing thread; {@link io.deltasql.core.internal.mirror.LogFiles}
 * are the file operations (create-only, atomic); {@link io.deltasql.core.internal.mirror.TableLocations}
 * maps a table location to its local {@code _delta_log}, which import and verify use too, as they
 * do {@link io.deltasql.core.internal.mirror.KernelEngines}.
 */
package io.deltasql.core.internal.mirror;
