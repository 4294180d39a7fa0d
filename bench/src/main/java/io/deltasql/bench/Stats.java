package io.deltasql.bench;

import java.util.Arrays;
import java.util.List;

/** Latency samples in milliseconds: median, p95, p99 (nearest rank), min, max. */
public record Stats(double[] sortedMs) {
    public Stats {
        sortedMs = sortedMs.clone();
        Arrays.sort(sortedMs);
    }

    public static Stats ofNanos(List<Long> nanos) {
        double[] ms = new double[nanos.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = nanos.get(i) / 1e6;
        }
        return new Stats(ms);
    }

    public int count() {
        return sortedMs.length;
    }

    public double median() {
        return percentile(50);
    }

    public double p95() {
        return percentile(95);
    }

    public double p99() {
        return percentile(99);
    }

    public double min() {
        return sortedMs.length == 0 ? Double.NaN : sortedMs[0];
    }

    public double max() {
        return sortedMs.length == 0 ? Double.NaN : sortedMs[sortedMs.length - 1];
    }

    /** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
    public double percentile(double p) {
        if (sortedMs.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMs.length);
        return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, rank - 1))];
    }
}
