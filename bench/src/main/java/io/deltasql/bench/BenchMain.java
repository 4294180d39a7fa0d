package io.deltasql.bench;

import io.deltasql.core.DeltaCatalog;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/deltasql bench}: generates synthetic Delta tables through deltasql (the mirror writes
 * their {@code _delta_log}), measures deltasql against Delta Kernel on them, and writes
 * {@code docs/BENCHMARKS.md} with a chart. See docs/BENCHMARKS.md for what each scenario measures.
 */
@Command(
        name = "deltasql bench",
        mixinStandardHelpOptions = true,
        description = "Benchmark deltasql against Delta Kernel reading the same tables' _delta_log (issue #6).")
public final class BenchMain implements Callable<Integer> {
    static final List<String> ALL_SCENARIOS = List.of(
            "metadata",
            "files",
            "streaming",
            "partition",
            "timetravel",
            "commit",
            "concurrent",
            "memory",
            "sql",
            "objectstore");

    @Option(
            names = "--catalog",
            description = "postgresql, sqlite, all, or a catalog JDBC URL (comma-separated). Default: ${DEFAULT-VALUE}")
    String catalog = "all";

    @Option(names = "--sizes", split = ",", description = "Active files per table. Default: 10000,100000,1000000")
    List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);

    @Option(
            names = "--commits",
            split = ",",
            description = "Small commits after the bulk load; the first applies to every size,"
                    + " the others make extra tables at the first size. Default: 1000,50000")
    List<Integer> commits = List.of(1_000, 50_000);

    @Option(names = "--repetitions", description = "Measured runs per side and case. Default: ${DEFAULT-VALUE}")
    int repetitions = 15;

    @Option(names = "--warmup", description = "Unmeasured runs per side and case first. Default: ${DEFAULT-VALUE}")
    int warmup = 3;

    @Option(
            names = "--warmup-seconds",
            description = "Unmeasured running per side and case first, at least (after --warmup runs,"
                    + " so fast calls are measured JIT-compiled). Default: ${DEFAULT-VALUE}")
    double warmupSeconds = 2.0;

    @Option(names = "--partitions", description = "Partitions per table. Default: ${DEFAULT-VALUE}")
    int partitions = 50;

    @Option(names = "--batch", description = "Adds per bulk-load commit. Default: ${DEFAULT-VALUE}")
    int batch = 50_000;

    @Option(names = "--commit-samples", description = "Commits measured per commit case. Default: ${DEFAULT-VALUE}")
    int commitSamples = 200;

    @Option(
            names = "--multi-tables",
            split = ",",
            description = "Table counts of the atomic multi-table commits. Default: 2,10")
    List<Integer> multiTables = List.of(2, 10);

    @Option(names = "--writers", description = "Concurrent writer threads. Default: ${DEFAULT-VALUE}")
    int writers = 8;

    @Option(names = "--concurrent-commits", description = "Commits per writer thread. Default: ${DEFAULT-VALUE}")
    int concurrentCommits = 50;

    @Option(
            names = "--slow-delay-ms",
            description = "Network latency per request to the object store (a real S3 server behind a delaying proxy)."
                    + " Default: ${DEFAULT-VALUE}")
    int slowDelayMs = 20;

    @Option(
            names = "--scenarios",
            split = ",",
            description = "Which to run (default all): metadata, files, streaming, partition,"
                    + " timetravel, commit, concurrent, memory, sql, objectstore")
    List<String> scenarios = ALL_SCENARIOS;

    @Option(names = "--out", description = "The report. Default: ${DEFAULT-VALUE}")
    Path out = Path.of("docs/BENCHMARKS.md");

    @Option(
            names = "--work-dir",
            description =
                    "Generated tables and catalogs, reused by later runs when they match. Default: ${DEFAULT-VALUE}")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "deltasql-bench");

    @Option(
            names = "--quick",
            description = "A smoke run: sizes 1000,5000, 50 commits, 5 repetitions, few commit samples"
                    + " (options given explicitly still apply)")
    boolean quick;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private String[] args = new String[0];

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        // Parquet and Hadoop log every file they read at INFO: that would be measured too.
        System.setProperty(
                "org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        BenchMain main = new BenchMain();
        main.args = args;
        return new CommandLine(main).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions o = options();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Report report = new Report();
        List<String> catalogs = new ArrayList<>();
        int failures = 0;
        for (String name : CatalogTargets.names(catalog)) {
            failures += runCatalog(name, o, report, catalogs);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ReportWriter.write(
                report,
                o,
                catalogs,
                DateTimeFormatter.ISO_INSTANT.format(
                        started.atZone(ZoneOffset.UTC).withNano(0)),
                seconds,
                o.out());
        long met = report.checks.stream().filter(Report.Check::met).count();
        log(String.format(
                "done in %.0f s: %d of %d target checks met, %d scenario failure(s); report: %s",
                seconds, met, report.checks.size(), failures, o.out().toAbsolutePath()));
        return failures == 0 ? 0 : 1;
    }

    private int runCatalog(String name, BenchOptions o, Report report, List<String> catalogs) throws Exception {
        int failures = 0;
        try (BenchCatalog target = CatalogTargets.open(name, o.workDir())) {
            log("catalog " + target.label() + ": " + target.databaseVersion());
            double loadBefore = loadAverage();
            catalogs.add(target.label() + ": " + target.databaseVersion());
            try (TableGenerator generator = new TableGenerator(target, BenchMain::log)) {
                long g0 = System.nanoTime();
                double generated = 0;
                for (TableSpec spec : o.allTables()) {
                    generated += generator.ensure(spec);
                }
                report.runNote(String.format(
                        "%s: tables ready in %.0f s (%.0f s of it generating; the rest reused from %s)",
                        target.label(), (System.nanoTime() - g0) / 1e9, generated, o.workDir()));
                DeltaSqlSide deltasql = new DeltaSqlSide(target.jdbcUrl());
                try (DeltaCatalog warm = deltasql.open()) {
                    BenchContext ctx = new BenchContext(
                            o, target, generator, deltasql, KernelSide.local(), warm, report, BenchMain::log);
                    for (Scenario s : scenarios()) {
                        if (!o.runs(s.id())) {
                            continue;
                        }
                        long s0 = System.nanoTime();
                        log("[" + target.label() + "] scenario " + s.id());
                        try {
                            s.run(ctx);
                        } catch (Exception | Error e) {
                            failures++;
                            e.printStackTrace();
                            report.runNote("FAILED: scenario " + s.id() + " on " + target.label() + ": " + e);
                        }
                        // Background work a scenario left (the commits' mirror files and Kernel checkpoints) must
                        // not run into the next one's measurements: it skewed the heap readings of the memory scenario.
                        generator.awaitIdle();
                        log(String.format(
                                "[%s] scenario %s took %.1f s",
                                target.label(), s.id(), (System.nanoTime() - s0) / 1e9));
                    }
                    report.runNote(String.format(
                            "%s: system load average %.1f when its scenarios started, %.1f when they ended"
                                    + " (%d cores; other processes share the machine)",
                            target.label(),
                            loadBefore,
                            loadAverage(),
                            Runtime.getRuntime().availableProcessors()));
                }
            }
        }
        return failures;
    }

    static List<Scenario> scenarios() {
        return List.of(
                new MetadataScenario(),
                new FileListScenario(),
                new StreamingScenario(),
                new PartitionScenario(),
                new TimeTravelScenario(),
                new CommitScenario(),
                new ConcurrencyScenario(),
                new MemoryScenario(),
                new SqlLayersScenario(),
                new ObjectStoreScenario());
    }

    BenchOptions options() {
        if (quick) {
            if (!given("--sizes")) {
                sizes = List.of(1_000L, 5_000L);
            }
            if (!given("--commits")) {
                commits = List.of(50);
            }
            if (!given("--repetitions")) {
                repetitions = 5;
            }
            if (!given("--warmup")) {
                warmup = 2;
            }
            if (!given("--warmup-seconds")) {
                warmupSeconds = 0.2;
            }
            if (!given("--commit-samples")) {
                commitSamples = 30;
            }
            if (!given("--concurrent-commits")) {
                concurrentCommits = 10;
            }
            if (!given("--batch")) {
                batch = 2_000;
            }
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String s : scenarios) {
            String id = s.trim().toLowerCase(Locale.ROOT);
            if (id.equals("all")) {
                chosen.addAll(ALL_SCENARIOS);
            } else if (ALL_SCENARIOS.contains(id)) {
                chosen.add(id);
            } else {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "unknown scenario '" + s + "'; use " + ALL_SCENARIOS);
            }
        }
        if (sizes.isEmpty() || commits.isEmpty() || repetitions < 1 || warmup < 0 || warmupSeconds < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--sizes and --commits need values, --repetitions >= 1, --warmup and --warmup-seconds >= 0");
        }
        String command = "bin/deltasql bench " + String.join(" ", args);
        return new BenchOptions(
                List.copyOf(sizes),
                List.copyOf(commits),
                repetitions,
                new Warmup(warmup, warmupSeconds),
                partitions,
                batch,
                commitSamples,
                List.copyOf(multiTables),
                concurrentCommits,
                writers,
                slowDelayMs,
                chosen,
                workDir,
                out,
                command.trim());
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void log(String message) {
        System.err.println(
                DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.now().withNano(0)) + " " + message);
    }
}
