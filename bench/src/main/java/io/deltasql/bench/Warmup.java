package io.deltasql.bench;

/**
 * How long each side of a case runs unmeasured before it is measured: at least {@code runs} runs
 * and at least {@code seconds} of running. A fixed count alone leaves fast calls (a metadata
 * lookup of a few microseconds, a prepared SQL query) in the JIT's interpreter or first tier
 * while they are measured, which times the compiler rather than the code; slow calls (a
 * million-file Kernel scan) reach the time after their few runs anyway.
 */
public record Warmup(int runs, double seconds) {
    public Warmup {
        if (runs < 0 || seconds < 0) {
            throw new IllegalArgumentException(
                    "warm-up runs and seconds must be >= 0, were " + runs + " and " + seconds);
        }
    }

    /** At most this many runs, however fast the call: enough for every tier of the JIT. */
    static final int MAX_RUNS = 200_000;

    /** Runs {@code t} unmeasured until both minimums are met (or {@link #MAX_RUNS}). */
    void warm(Trial t) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < MAX_RUNS && (i < runs || System.nanoTime() - until < 0); i++) {
            Measure.once(t);
        }
    }

    /** This warm-up with a lower time minimum (for scenarios whose calls are slow on purpose). */
    Warmup atMost(int maxRuns, double maxSeconds) {
        return new Warmup(Math.min(runs, maxRuns), Math.min(seconds, maxSeconds));
    }

    @Override
    public String toString() {
        return runs + " runs and " + Fmt.num(seconds) + " s";
    }
}
