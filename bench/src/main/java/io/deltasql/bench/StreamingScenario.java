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
        Report.Section s = ctx.report().section(id(), "2b. Streaming the full file list in a " + HEAP + " heap",
                "Each side lists every active file in a separate JVM started with `-Xmx" + HEAP + "`. deltasql: a catalog"
                        + " with `cacheMaxFiles=0`, so `streamFiles()` reads a database cursor (fetch size 1,000) instead of"
                        + " caching the list. Kernel: `getScanFiles` iterated. Passing = finished with the right count"
                        + " (time includes no JVM start).",
                "catalog", "files", "deltasql", "deltasql ms", "Kernel", "Kernel ms", "target", "met?");
        for (TableSpec spec : ctx.options().sizeTables()) {
            String[] d = child(ctx, "deltasql", ctx.target().jdbcUrl(), spec.name());
            String[] k = child(ctx, "kernel", ctx.location(spec));
            boolean dOk = d[0].equals(Long.toString(spec.files()));
            boolean kOk = k[0].equals(Long.toString(spec.files()));
            String met = "—";
            if (spec.files() >= 1_000_000) {
                met = ctx.report().check(ctx.catalog(), id(), "1M files streamed in ≤ 200 MB heap", dOk ? 0 : 1, 0, "failures");
            }
            s.row(ctx.catalog(), Fmt.count(spec.files()), dOk ? "ok" : d[0], dOk ? d[1] : "—", kOk ? "ok" : k[0],
                    kOk ? k[1] : "—", spec.files() >= 1_000_000 ? "fits in 200 MB" : "—", met);
            ctx.log().accept("  streaming " + spec.files() + " files in " + HEAP + ": deltasql " + String.join(" ", d)
                    + ", Kernel " + String.join(" ", k));
        }
    }

    private static String[] child(BenchContext ctx, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx" + HEAP, "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                StreamingHeapCheck.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
        if (rc != 0 || !last.matches("\\d+ \\d+")) {
            String reason = out.contains("OutOfMemoryError") ? "OutOfMemoryError" : "failed (exit " + rc + ")";
            ctx.log().accept("  streaming child " + args[0] + " failed: " + out.substring(Math.max(0, out.length() - 400)));
            return new String[] {reason, ""};
        }
        return last.split(" ");
    }
}
