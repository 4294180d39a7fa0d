package io.deltasql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every scenario runs end to end on a tiny SQLite catalog and lands in the report (not a measurement). */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void everyScenarioRunsAndIsReported() throws Exception {
        Path out = dir.resolve("BENCHMARKS.md");
        int rc = BenchMain.run(
                "--catalog",
                "sqlite",
                "--work-dir",
                dir.resolve("work").toString(),
                "--out",
                out.toString(),
                "--sizes",
                "300",
                "--commits",
                "12",
                "--batch",
                "100",
                "--partitions",
                "5",
                "--repetitions",
                "2",
                "--warmup",
                "1",
                "--warmup-seconds",
                "0",
                "--commit-samples",
                "6",
                "--multi-tables",
                "2",
                "--writers",
                "2",
                "--concurrent-commits",
                "2",
                "--slow-delay-ms",
                "1");
        assertEquals(0, rc, "a scenario failed; see the test output");
        String report = Files.readString(out);
        for (String title : new String[] {
            "1. Open + metadata",
            "2. Full active file list",
            "2b. Streaming",
            "3. Partition-filtered",
            "4. Time travel",
            "5. Commit latency",
            "6. Concurrent commit",
            "7. Memory",
            "8. The same queries",
            "Object store: S3 with 1 ms per request",
            "Object store: commits to tables on S3",
            "## Targets",
            "## Analysis"
        }) {
            assertTrue(report.contains(title), "the report has no section '" + title + "'");
        }
        assertTrue(Files.size(dir.resolve("benchmarks-latency.png")) > 1_000, "chart written");
        // A second run reuses the generated tables.
        assertTrue(new TableGenerator(CatalogTargets.open("sqlite", dir.resolve("work")), m -> {})
                .matches(new TableSpec(300, 12, 5, 100)));
    }
}
