package io.deltasql.bench;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.DeltaCatalog;
import java.nio.file.Path;
import java.util.List;

/** Issue item 5: commit latency, single table and atomic over 2 and 10 tables. */
final class CommitScenario implements Scenario {
    /** The columns of a commit table (here and in the object-store scenario). */
    static final String[] COLUMNS = {
        "catalog",
        "case",
        "samples",
        "deltasql p50 ms",
        "p99",
        "Kernel p50 ms",
        "p99",
        "Kernel ÷ deltasql (p50)",
        "target",
        "met?"
    };

    @Override
    public String id() {
        return "commit";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "5. Commit latency",
                        "One blind append of one file per commit, on small fresh tables. deltasql: `snapshot(name)` for the read"
                                + " version, then `commit` (or a `MultiTableTransaction` staging one file per table), with the"
                                + " `_delta_log` mirror installed as the product runs it: the JSON commit written before the call"
                                + " returns, recorded as mirrored in background batches, and a Kernel checkpoint every 10 versions"
                                + " on a background thread. Kernel: a"
                                + " transaction on the local `_delta_log` (latest snapshot, `generateAppendActions`, `commit`, then"
                                + " its post-commit hooks, which checkpoint every 10 versions). Kernel has no atomic multi-table"
                                + " commit: its multi-table rows are k sequential single-table commits, for scale only.",
                        COLUMNS);
        BenchOptions o = ctx.options();
        Writers w = new Writers(ctx);
        Warmup warm = new Warmup(Math.max(5, o.commitSamples() / 10), o.warmup().seconds());
        DeltaCatalog catalog = ctx.generator().catalog();

        String single = w.deltasqlTables("bench_commit_single_", 1).get(0);
        Path kSingle = w.kernelTables("commit_single_", 1).get(0);
        Engine engine = ctx.kernel().engine();
        Measure.Pair p = Measure.alternate(
                warm,
                o.commitSamples(),
                () -> Writers.deltasqlAppend(catalog, single),
                () -> Writers.kernelAppend(ctx.kernel(), engine, kSingle),
                null);
        row(ctx, s, "single table", p, 3.0, "p50 ≤ 3 ms");

        // The same without the mirror: what the catalog transaction alone costs.
        try (DeltaCatalog bare = ctx.deltasql().open()) {
            String t = w.deltasqlTables("bench_commit_nomirror_", 1).get(0);
            Measure.Pair q = Measure.alternate(
                    warm,
                    o.commitSamples(),
                    () -> Writers.deltasqlAppend(bare, t),
                    () -> Writers.kernelAppend(ctx.kernel(), engine, kSingle),
                    null);
            row(ctx, s, "single table, catalog only (no mirror)", q, Double.NaN, "—");
        }

        for (int k : o.multiTables()) {
            List<String> tables = w.deltasqlTables("bench_commit_multi" + k + "_", k);
            List<Path> kTables = w.kernelTables("commit_multi" + k + "_", k);
            Measure.Pair m = Measure.alternate(
                    warm,
                    o.commitSamples(),
                    () -> Writers.deltasqlAppendAll(catalog, tables),
                    () -> {
                        for (Path t : kTables) {
                            Writers.kernelAppend(ctx.kernel(), engine, t);
                        }
                        return kTables.size();
                    },
                    "tables committed");
            row(
                    ctx,
                    s,
                    k + " tables, atomic (Kernel: " + k + " sequential commits)",
                    m,
                    k == 10 ? 10.0 : Double.NaN,
                    "p50 ≤ 10 ms");
        }
    }

    static void row(BenchContext ctx, Report.Section s, String label, Measure.Pair p, double limit, String target) {
        row(ctx, s, "commit", label, p, limit, target);
    }

    /** One row of a commit table; {@code limit} (NaN for none) is checked on deltasql's p50 under {@code scenario}. */
    static void row(
            BenchContext ctx,
            Report.Section s,
            String scenario,
            String label,
            Measure.Pair p,
            double limit,
            String target) {
        String met = Double.isNaN(limit)
                ? "—"
                : ctx.report()
                        .check(
                                ctx.catalog(),
                                scenario,
                                "commit " + target + " (" + label + ")",
                                p.a().median(),
                                limit,
                                "ms");
        s.row(
                ctx.catalog(),
                label,
                p.a().count(),
                Fmt.num(p.a().median()),
                Fmt.num(p.a().p99()),
                Fmt.num(p.b().median()),
                Fmt.num(p.b().p99()),
                Fmt.ratio(p.b().median() / p.a().median()),
                Double.isNaN(limit) ? "—" : target,
                met);
        ctx.log()
                .accept(String.format(
                        "  commit %-45s deltasql p50 %s p99 %s, Kernel p50 %s p99 %s",
                        label,
                        Fmt.num(p.a().median()),
                        Fmt.num(p.a().p99()),
                        Fmt.num(p.b().median()),
                        Fmt.num(p.b().p99())));
    }
}
