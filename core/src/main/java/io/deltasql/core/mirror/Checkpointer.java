package io.deltasql.core.mirror;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.internal.mirror.KernelCheckpointer;

/** Writes a table's checkpoint at a version whose JSON commit is already in its {@code _delta_log}. */
@FunctionalInterface
public interface Checkpointer {
    /**
     * Writes the checkpoint of {@code version}.
     *
     * @param engine a Delta Kernel engine that reads and writes the table's store
     * @param tableDirectory the table's directory: an absolute local path or an object-store URI
     */
    void checkpoint(Engine engine, String tableDirectory, long version) throws Exception;

    /** Checkpoints from Delta Kernel's checkpoint state: classic Parquet, or V2 (JSON) for tables with v2Checkpoint; then {@code _last_checkpoint}. */
    static Checkpointer kernel() {
        return new KernelCheckpointer();
    }
}
