package io.deltasql.bench;

/** Issue item 3: the files of one partition out of many. */
final class PartitionScenario implements Scenario {
    @Override
    public String id() {
        return "partition";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "3. Partition-filtered file list (one partition of many)",
                        "deltasql: `snapshot(name).streamFiles(FileFilter.ALL.withPartition(\"part\", {value}))`. Kernel: a scan"
                                + " with the predicate `part = value` (`ScanBuilder.withFilter`), scan files counted. The table has "
                                + ctx.options().partitions() + " partitions of equal size.",
                        Scenario.COMPARISON);
        BenchOptions o = ctx.options();
        for (TableSpec spec : o.sizeTables()) {
            String path = ctx.location(spec);
            String value = spec.queriedPartition();
            KernelTrial kernel = new KernelTrial(ctx.kernel(), e -> ctx.kernel().countPartition(e, path, value));
            double limit = spec.files() == 100_000 && spec.partitions() == 50 ? 5.0 : Double.NaN;
            Measure.Pair cold = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    new ColdCatalogTrial(ctx.deltasql(), c -> DeltaSqlSide.countPartition(c, spec.name(), value)),
                    kernel,
                    "the partition's file count");
            Scenario.compare(ctx, s, id(), spec, "cold", cold, limit, "≤ 5 ms");
            Measure.Pair warm = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    () -> DeltaSqlSide.countPartition(ctx.warm(), spec.name(), value),
                    kernel,
                    "the partition's file count");
            Scenario.compare(ctx, s, id(), spec, "warm", warm, limit, "≤ 5 ms");
        }
    }
}
