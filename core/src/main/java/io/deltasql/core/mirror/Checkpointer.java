package io.deltasql.core.mirror;

import io.deltasql.core.internal.mirror.KernelCheckpointer;
import java.nio.file.Path;

/** Writes a table's checkpoint at a version whose JSON commit is already in its {@code _delta_log}. */
@FunctionalInterface
public interface Checkpointer {
    void checkpoint(Path tableDirectory, long version) throws Exception;

    /** Checkpoints from Delta Kernel's checkpoint state: classic Parquet, or V2 (JSON) for tables with v2Checkpoint; then {@code _last_checkpoint}. */
    static Checkpointer kernel() {
        return new KernelCheckpointer();
    }
}
