package io.deltasql.core.mirror;

import java.nio.file.Path;

/** Writes a table's checkpoint at a version whose JSON commit is already in its {@code _delta_log}. */
@FunctionalInterface
public interface Checkpointer {
    void checkpoint(Path tableDirectory, long version) throws Exception;

    /** Delta Kernel's classic single-file Parquet checkpoint plus {@code _last_checkpoint}. */
    static Checkpointer kernel() {
        return new KernelCheckpointer();
    }
}
