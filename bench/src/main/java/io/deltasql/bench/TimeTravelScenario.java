package io.deltasql.bench;

/** Issue item 4: the file list of a version 1,000 commits before the head. */
final class TimeTravelScenario implements Scenario {
    @Override
    public String id() {
        return "timetravel";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "4. Time travel (file list of a version 1,000 commits back)",
                        "deltasql: `snapshotAt(name, head - 1000).streamFiles()` counted. Kernel: `getSnapshotAsOfVersion`, scan"
                                + " files counted (it starts from the newest checkpoint at or before that version). Cold: new"
                                + " catalog; warm: the same version again on a long-lived catalog.",
                        Scenario.COMPARISON);
        BenchOptions o = ctx.options();
        for (TableSpec spec : o.allTables()) {
            if (spec.timeTravelBack() < TableSpec.TIME_TRAVEL_BACK) {
                s.note("Tables with fewer than 1,000 small commits travel " + spec.timeTravelBack()
                        + " versions back.");
            }
            String path = ctx.location(spec);
            long version = spec.timeTravelVersion();
            KernelTrial kernel = new KernelTrial(ctx.kernel(), e -> ctx.kernel().countFilesAt(e, path, version));
            Measure.Pair cold = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    new ColdCatalogTrial(ctx.deltasql(), c -> DeltaSqlSide.countFilesAt(c, spec.name(), version)),
                    kernel,
                    "the file count at version " + version);
            Scenario.compare(ctx, s, id(), spec, "cold, v" + version, cold, Double.NaN, "—");
            Measure.Pair warm = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    () -> DeltaSqlSide.countFilesAt(ctx.warm(), spec.name(), version),
                    kernel,
                    "the file count at version " + version);
            Scenario.compare(ctx, s, id(), spec, "warm, v" + version, warm, Double.NaN, "—");
        }
    }
}
