package io.deltasql.core.mirror;

import io.delta.kernel.Table;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import java.nio.file.Path;

/** Checkpoints with Delta Kernel, which writes the single-file Parquet checkpoint and {@code _last_checkpoint}. */
final class KernelCheckpointer implements Checkpointer {
    private volatile Engine engine;

    @Override
    public void checkpoint(Path tableDirectory, long version) throws Exception {
        Engine e = engine();
        try {
            Table.forPath(e, tableDirectory.toAbsolutePath().toString()).checkpoint(e, version);
        } catch (CheckpointAlreadyExistsException alreadyThere) {
            // Another deltasql server (or an earlier attempt) wrote it.
        }
    }

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = KernelEngines.create();
                }
                e = engine;
            }
        }
        return e;
    }
}
