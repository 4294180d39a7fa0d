package io.deltasql.bench;

/** Issue item 2: the full active file list of the latest version, at each size. */
final class FileListScenario implements Scenario {
    @Override
    public String id() {
        return "files";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "2. Full active file list",
                        "deltasql: `snapshot(name).streamFiles()` iterated to the end (the cached list once loaded; a cold catalog"
                                + " loads and caches it). Kernel: `getScanFiles` of a scan without filter, every row iterated."
                                + " Both count the active files; the counts must agree.",
                        Scenario.COMPARISON);
        BenchOptions o = ctx.options();
        for (TableSpec spec : o.sizeTables()) {
            String path = ctx.location(spec);
            KernelTrial kernel = new KernelTrial(ctx.kernel(), e -> ctx.kernel().countFiles(e, path));
            Measure.Pair cold = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    new ColdCatalogTrial(ctx.deltasql(), c -> DeltaSqlSide.countFiles(c, spec.name())),
                    kernel,
                    "the file count");
            Scenario.compare(ctx, s, id(), spec, "cold", cold, coldLimit(spec.files()), coldTarget(spec.files()));
            Measure.Pair warm = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    () -> DeltaSqlSide.countFiles(ctx.warm(), spec.name()),
                    kernel,
                    "the file count");
            Scenario.compare(ctx, s, id(), spec, "warm", warm, spec.files() == 100_000 ? 5.0 : Double.NaN, "≤ 5 ms");
            ctx.report()
                    .point(
                            ctx.catalog(),
                            "file list: deltasql cold",
                            spec.files(),
                            cold.a().median());
            ctx.report()
                    .point(
                            ctx.catalog(),
                            "file list: deltasql warm",
                            spec.files(),
                            warm.a().median());
            ctx.report()
                    .point(
                            ctx.catalog(),
                            "file list: Kernel",
                            spec.files(),
                            cold.b().median());
        }
    }

    private static double coldLimit(long files) {
        return files == 100_000 ? 60 : files == 1_000_000 ? 800 : Double.NaN;
    }

    private static String coldTarget(long files) {
        return files == 100_000 ? "≤ 60 ms" : files == 1_000_000 ? "≤ 800 ms" : "—";
    }
}
