package io.deltasql.bench;

/** One numbered item of the issue, measured on one catalog at a time. */
public interface Scenario {
    /** The name used by {@code --scenarios}. */
    String id();

    void run(BenchContext ctx) throws Exception;

    /** The columns of a deltasql-against-Kernel table. */
    String[] COMPARISON = {
        "catalog",
        "files",
        "versions",
        "case",
        "deltasql median ms",
        "p95",
        "Kernel median ms",
        "p95",
        "Kernel ÷ deltasql",
        "target",
        "met?"
    };

    /**
     * Adds one comparison row; {@code limitMs} (NaN for none) is checked on deltasql's median. Returns the pair.
     */
    static Measure.Pair compare(
            BenchContext ctx,
            Report.Section section,
            String scenario,
            TableSpec spec,
            String label,
            Measure.Pair p,
            double limitMs,
            String target) {
        double ratio = p.b().median() / p.a().median();
        String met = "—";
        if (!Double.isNaN(limitMs)) {
            met = ctx.report()
                    .check(
                            ctx.catalog(),
                            scenario,
                            target + " (" + label + ", " + Fmt.count(spec.files()) + " files)",
                            p.a().median(),
                            limitMs,
                            "ms");
        }
        section.row(
                ctx.catalog(),
                Fmt.count(spec.files()),
                Fmt.count(spec.headVersion() + 1),
                label,
                Fmt.num(p.a().median()),
                Fmt.num(p.a().p95()),
                Fmt.num(p.b().median()),
                Fmt.num(p.b().p95()),
                Fmt.ratio(ratio),
                Double.isNaN(limitMs) ? "—" : target,
                met);
        ctx.log()
                .accept(String.format(
                        "  %-28s %-10s %,10d files: deltasql %s ms (p95 %s), Kernel %s ms (p95 %s)",
                        scenario,
                        label,
                        spec.files(),
                        Fmt.num(p.a().median()),
                        Fmt.num(p.a().p95()),
                        Fmt.num(p.b().median()),
                        Fmt.num(p.b().p95())));
        return p;
    }
}
