package io.deltasql.bench;

import io.deltasql.core.DeltaCatalog;
import java.util.function.ToLongFunction;

/**
 * A SIMULATED object store: Kernel reads the same {@code _delta_log} through {@link SlowFileSystem},
 * which delays every file-system request; deltasql does not read the log, so its side is unchanged.
 */
final class ObjectStoreScenario implements Scenario {
    @Override
    public String id() {
        return "objectstore";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "Simulated object store (" + o.slowDelayMs() + " ms per `_delta_log` request)",
                        "**Simulation**, not a measurement on S3/ADLS/GCS: Kernel reads the same table directories through a Hadoop"
                                + " file system (`slowfile:`, `SlowFileSystem` in the bench module) that sleeps "
                                + o.slowDelayMs()
                                + " ms before every open, listing and status request (nested requests count once), with local-disk"
                                + " throughput. deltasql reads only its catalog database, never the `_delta_log`, so its side is"
                                + " the same cold call as in items 1–3, measured again here alternately with the slow Kernel.",
                        Scenario.COMPARISON);
        KernelSide slow = KernelSide.slow(o.slowDelayMs());
        for (TableSpec spec : o.sizeTables()) {
            String path = "slowfile://" + ctx.location(spec);
            String part = spec.queriedPartition();
            compare(
                    ctx,
                    s,
                    spec,
                    "open + metadata",
                    c -> DeltaSqlSide.metadata(c, spec.name()),
                    new KernelTrial(slow, e -> slow.metadata(e, path)),
                    "the version");
            compare(
                    ctx,
                    s,
                    spec,
                    "full file list",
                    c -> DeltaSqlSide.countFiles(c, spec.name()),
                    new KernelTrial(slow, e -> slow.countFiles(e, path)),
                    "the file count");
            compare(
                    ctx,
                    s,
                    spec,
                    "one partition",
                    c -> DeltaSqlSide.countPartition(c, spec.name(), part),
                    new KernelTrial(slow, e -> slow.countPartition(e, path, part)),
                    "the file count");
        }
    }

    /** One row: a cold deltasql catalog against the slow Kernel, alternated; no limit checked (a simulation). */
    private void compare(
            BenchContext ctx,
            Report.Section s,
            TableSpec spec,
            String label,
            ToLongFunction<DeltaCatalog> deltasql,
            KernelTrial kernel,
            String what)
            throws Exception {
        BenchOptions o = ctx.options();
        int reps = Math.max(3, o.repetitions() / 2);
        // The slow side sleeps on purpose; its code is warm from items 1-3.
        Warmup warm = o.warmup().atMost(1, 0);
        Scenario.compare(
                ctx,
                s,
                id(),
                spec,
                label,
                Measure.alternate(warm, reps, new ColdCatalogTrial(ctx.deltasql(), deltasql), kernel, what),
                Double.NaN,
                "—");
    }
}
