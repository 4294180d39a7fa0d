package io.deltasql.bench;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.DeltaCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Issue item 6: commit throughput of 8 concurrent writers, on distinct tables and on one shared table. */
final class ConcurrencyScenario implements Scenario {
    /** What one writer thread does once. */
    interface Commit {
        void run(int writer) throws Exception;
    }

    record Run(double wallSeconds, int commits, Stats latency, String failure) {
        double perSecond() {
            return commits / wallSeconds;
        }
    }

    @Override
    public String id() {
        return "concurrent";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int writers = o.writers();
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "6. Concurrent commit throughput",
                        writers + " threads, each committing " + o.concurrentCommits()
                                + " blind appends of one file as fast as it"
                                + " can (the same commit as item 5, mirror on), to its own table or all to one shared table."
                                + " deltasql threads share one catalog (pool of 8 connections). Kernel threads each have an"
                                + " Engine and commit to the local `_delta_log`; on the shared table Kernel retries on conflict."
                                + " The machine has " + Runtime.getRuntime().availableProcessors() + " cores.",
                        "catalog",
                        "case",
                        "system",
                        "commits",
                        "wall s",
                        "commits/s",
                        "p50 ms",
                        "p99 ms",
                        "errors");
        Writers w = new Writers(ctx);
        DeltaCatalog catalog = ctx.generator().catalog();
        List<String> distinct = w.deltasqlTables("bench_conc_", writers);
        String shared = w.deltasqlTables("bench_conc_shared_", 1).get(0);
        List<Path> kDistinct = w.kernelTables("conc_", writers);
        Path kShared = w.kernelTables("conc_shared_", 1).get(0);
        List<Engine> engines = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            engines.add(ctx.kernel().engine());
        }
        // Warm both paths up on one thread first.
        for (int i = 0; i < 5; i++) {
            Writers.deltasqlAppend(catalog, shared);
            Writers.kernelAppend(ctx.kernel(), engines.get(0), kShared);
        }
        int n = o.concurrentCommits();
        row(
                ctx,
                s,
                "distinct tables",
                "deltasql",
                run(writers, n, i -> Writers.deltasqlAppend(catalog, distinct.get(i))));
        long hooks = KernelSide.HOOK_FAILURES.get();
        row(
                ctx,
                s,
                "distinct tables",
                "Kernel",
                run(writers, n, i -> Writers.kernelAppend(ctx.kernel(), engines.get(i), kDistinct.get(i))));
        row(ctx, s, "one shared table", "deltasql", run(writers, n, i -> Writers.deltasqlAppend(catalog, shared)));
        row(
                ctx,
                s,
                "one shared table",
                "Kernel",
                run(writers, n, i -> Writers.kernelAppend(ctx.kernel(), engines.get(i), kShared)));
        long failedHooks = KernelSide.HOOK_FAILURES.get() - hooks;
        if (failedHooks > 0) {
            s.note(
                    ctx.catalog() + ": " + failedHooks
                            + " Kernel post-commit hooks (checksum/checkpoint) failed after their commit"
                            + " had landed (concurrent writers racing on the same file); the commits count, the hooks are skipped.");
        }
    }

    private static void row(BenchContext ctx, Report.Section s, String label, String system, Run r) {
        s.row(
                ctx.catalog(),
                label,
                system,
                r.commits(),
                Fmt.num(r.wallSeconds()),
                Fmt.num(r.perSecond()),
                Fmt.num(r.latency().median()),
                Fmt.num(r.latency().p99()),
                r.failure() == null ? "0" : r.failure());
        ctx.log()
                .accept(String.format(
                        "  concurrent %-17s %-8s %s commits/s (p50 %s ms, p99 %s ms)%s",
                        label,
                        system,
                        Fmt.num(r.perSecond()),
                        Fmt.num(r.latency().median()),
                        Fmt.num(r.latency().p99()),
                        r.failure() == null ? "" : " errors: " + r.failure()));
    }

    static Run run(int writers, int perWriter, Commit commit) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int id = i;
            Thread t = new Thread(
                    () -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (int j = 0; j < perWriter; j++) {
                            long t0 = System.nanoTime();
                            try {
                                commit.run(id);
                                latencies.add(System.nanoTime() - t0);
                            } catch (Exception | LinkageError e) {
                                errors.incrementAndGet();
                                failure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        }
                    },
                    "bench-writer-" + i);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        String f = failure.get() == null ? null : errors.get() + " (" + abbreviate(failure.get()) + ")";
        return new Run(wall, latencies.size(), Stats.ofNanos(latencies), f);
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ').replace('|', '/');
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }
}
