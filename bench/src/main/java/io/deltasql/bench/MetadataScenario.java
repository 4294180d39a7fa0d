package io.deltasql.bench;

/** Issue item 1: open a table and read its latest version, schema and properties. */
final class MetadataScenario implements Scenario {
    @Override
    public String id() {
        return "metadata";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "1. Open + metadata (latest version, schema, properties)",
                        "deltasql: `DeltaCatalog.snapshot(name)` then version, schema string and properties. Cold: a catalog opened"
                                + " just before (empty snapshot cache); warm: the same call again on a long-lived catalog. Kernel:"
                                + " `Table.forPath(engine, path).getLatestSnapshot(engine)`, schema, version, metadata configuration"
                                + " (Kernel has no cache across calls: every open replays the log from the latest checkpoint).",
                        Scenario.COMPARISON);
        BenchOptions o = ctx.options();
        for (TableSpec spec : o.allTables()) {
            String path = ctx.location(spec);
            KernelTrial kernel = new KernelTrial(ctx.kernel(), e -> ctx.kernel().metadata(e, path));
            Measure.Pair cold = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    new ColdCatalogTrial(ctx.deltasql(), c -> DeltaSqlSide.metadata(c, spec.name())),
                    kernel,
                    "the version");
            Scenario.compare(ctx, s, id(), spec, "cold", cold, 5.0, "≤ 5 ms");
            Measure.Pair warm = Measure.alternate(
                    o.warmup(),
                    o.repetitions(),
                    () -> DeltaSqlSide.metadata(ctx.warm(), spec.name()),
                    kernel,
                    "the version");
            Scenario.compare(ctx, s, id(), spec, "warm", warm, 0.5, "≤ 0.5 ms");
            if (spec.commits() == o.commits().get(0)) {
                ctx.report()
                        .point(
                                ctx.catalog(),
                                "metadata: deltasql cold",
                                spec.files(),
                                cold.a().median());
                ctx.report()
                        .point(
                                ctx.catalog(),
                                "metadata: deltasql warm",
                                spec.files(),
                                warm.a().median());
                ctx.report()
                        .point(
                                ctx.catalog(),
                                "metadata: Kernel",
                                spec.files(),
                                cold.b().median());
            }
        }
    }
}
