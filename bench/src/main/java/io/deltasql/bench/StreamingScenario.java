package io.deltasql.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue item 2's bounded-memory listing: each side lists the whole table in a child JVM limited to
 * {@code -Xmx200m}; the run passes if it completes with the right count.
 */
final class StreamingScenario implements Scenario {
    static final String HEAP = "200m";

    @Override
    public String id() {
        return "streaming";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "2b. Streaming the full file list in a " + HEAP + " heap",
                        "Each side lists every active file in a separate JVM started with `-Xmx" + HEAP
                                + "`. deltasql: a catalog"
                                + " with `cacheMaxFiles=0`, so `streamFiles()` reads a database cursor (fetch size 1,000) instead of"
                                + " caching the list. Kernel: `getScanFiles` iterated. Passing = every run finished with the right count."
                                + " Each side runs " + RUNS
                                + " times, alternated, a new JVM each; time is the median, from the"
                                + " listing's start (no JVM start).",
                        "catalog",
                        "files",
                        "deltasql",
                        "deltasql ms",
                        "Kernel",
                        "Kernel ms",
                        "target",
                        "met?");
        for (TableSpec spec : ctx.options().sizeTables()) {
            String expected = Long.toString(spec.files());
            List<String[]> d = new ArrayList<>();
            List<String[]> k = new ArrayList<>();
            // Alternated, a fresh JVM each: the first run of either side also pays for cold database
            // and page caches, so one run alone times those more than the listing.
            for (int i = 0; i < RUNS; i++) {
                d.add(child(ctx, "deltasql", ctx.target().jdbcUrl(), spec.name()));
                k.add(child(ctx, "kernel", ctx.location(spec)));
            }
            String dFailure = failure(d, expected);
            String kFailure = failure(k, expected);
            String met = "—";
            if (spec.files() >= 1_000_000) {
                met = ctx.report()
                        .check(
                                ctx.catalog(),
                                id(),
                                "1M files streamed in ≤ 200 MB heap",
                                dFailure == null ? 0 : 1,
                                0,
                                "failures");
            }
            s.row(
                    ctx.catalog(),
                    Fmt.count(spec.files()),
                    dFailure == null ? "ok" : dFailure,
                    dFailure == null ? medianMillis(d) : "—",
                    kFailure == null ? "ok" : kFailure,
                    kFailure == null ? medianMillis(k) : "—",
                    spec.files() >= 1_000_000 ? "fits in 200 MB" : "—",
                    met);
            ctx.log()
                    .accept("  streaming " + spec.files() + " files in " + HEAP + ": deltasql " + describe(d)
                            + ", Kernel " + describe(k));
        }
    }

    /** Runs per side; each is a new JVM. */
    static final int RUNS = 3;

    /** Why a run failed (the first failure), or null when every run listed the expected count. */
    private static String failure(List<String[]> runs, String expected) {
        for (String[] r : runs) {
            if (!r[0].equals(expected)) {
                return r[0];
            }
        }
        return null;
    }

    private static String medianMillis(List<String[]> runs) {
        List<Long> ms = new ArrayList<>();
        runs.forEach(r -> ms.add(Long.parseLong(r[1])));
        ms.sort(null);
        return Long.toString(ms.get(ms.size() / 2));
    }

    private static String describe(List<String[]> runs) {
        List<String> parts = new ArrayList<>();
        runs.forEach(r -> parts.add(String.join(" ", r)));
        return String.join(", ", parts);
    }

    private static String[] child(BenchContext ctx, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx" + HEAP,
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                StreamingHeapCheck.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
        if (rc != 0 || !last.matches("\\d+ \\d+")) {
            String reason = out.contains("OutOfMemoryError") ? "OutOfMemoryError" : "failed (exit " + rc + ")";
            ctx.log()
                    .accept("  streaming child " + args[0] + " failed: "
                            + out.substring(Math.max(0, out.length() - 400)));
            return new String[] {reason, ""};
        }
        return last.split(" ");
    }
}
