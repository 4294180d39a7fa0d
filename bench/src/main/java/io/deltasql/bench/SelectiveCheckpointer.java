package io.deltasql.bench;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.mirror.Checkpointer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mirror's Kernel checkpointer, asked only for the checkpoints a benchmark read uses: the last
 * one at or before the head and the last one at or before the time-travel version (the mirror
 * still decides when one is due, every {@code delta.checkpointInterval} versions). Kernel reads
 * exactly the state it would read if every interval's checkpoint were there; generating a
 * 1,000-commit table no longer writes 100 full checkpoints. Tables it has no plan for get every
 * checkpoint.
 */
final class SelectiveCheckpointer implements Checkpointer {
    private final Checkpointer delegate;
    private final Map<String, Set<Long>> wanted = new ConcurrentHashMap<>();

    SelectiveCheckpointer(Checkpointer delegate) {
        this.delegate = delegate;
    }

    void plan(Path tableDir, Set<Long> versions) {
        wanted.put(tableDir.toAbsolutePath().normalize().toString(), Set.copyOf(versions));
    }

    @Override
    public void checkpoint(Engine engine, String tableDirectory, long version) throws Exception {
        Set<Long> versions = wanted.get(tableDirectory);
        if (versions == null || versions.contains(version)) {
            delegate.checkpoint(engine, tableDirectory, version);
        }
    }

    /** The checkpoint versions readers of {@code spec} use, with the mirror's interval. */
    static Set<Long> needed(TableSpec spec, int interval) {
        long head = spec.headVersion() / interval * interval;
        long travel = spec.timeTravelVersion() / interval * interval;
        return Set.of(head, travel);
    }
}
