package io.deltasql.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The settings of one run, as {@link BenchMain} parsed them. */
public record BenchOptions(
        List<Long> sizes,
        List<Integer> commits,
        int repetitions,
        Warmup warmup,
        int partitions,
        int batch,
        int commitSamples,
        List<Integer> multiTables,
        int concurrentCommits,
        int writers,
        int slowDelayMs,
        Set<String> scenarios,
        Path workDir,
        Path out,
        String command) {
    /** One table per size (with the first commit count), plus one per further commit count (at the first size). */
    public List<TableSpec> sizeTables() {
        List<TableSpec> t = new ArrayList<>();
        for (long s : sizes) {
            t.add(new TableSpec(s, commits.get(0), partitions, batch));
        }
        return t;
    }

    public List<TableSpec> commitTables() {
        List<TableSpec> t = new ArrayList<>();
        for (int i = 1; i < commits.size(); i++) {
            t.add(new TableSpec(sizes.get(0), commits.get(i), partitions, batch));
        }
        return t;
    }

    public List<TableSpec> allTables() {
        List<TableSpec> t = new ArrayList<>(sizeTables());
        t.addAll(commitTables());
        return t;
    }

    public boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }
}
