package io.deltasql.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs trials with warm-up and repetitions. Two sides are alternated (A B, B A, A B, …) so drift
 * of the machine (GC, page cache, JIT) falls on both equally; each repetition checks that both
 * sides counted the same thing.
 */
public final class Measure {
    private Measure() {}

    /** Medians of side A and side B. */
    public record Pair(Stats a, Stats b, long resultA, long resultB) {}

    /**
     * Warms A, then B, then alternates them; {@code what} names the result in the error when they
     * disagree (null skips the check, for sides that count different things).
     */
    public static Pair alternate(Warmup warmup, int reps, Trial a, Trial b, String what) throws Exception {
        warmup.warm(a);
        warmup.warm(b);
        List<Long> na = new ArrayList<>();
        List<Long> nb = new ArrayList<>();
        long ra = -1;
        long rb = -1;
        for (int i = 0; i < reps; i++) {
            long[] x;
            long[] y;
            if (i % 2 == 0) {
                x = once(a);
                y = once(b);
            } else {
                y = once(b);
                x = once(a);
            }
            na.add(x[0]);
            nb.add(y[0]);
            ra = x[1];
            rb = y[1];
            if (what != null && ra != rb) {
                throw new IllegalStateException("the two sides disagree on " + what + ": " + ra + " vs " + rb);
            }
        }
        return new Pair(Stats.ofNanos(na), Stats.ofNanos(nb), ra, rb);
    }

    /** Runs one trial: {nanoseconds of run(), its result}. */
    public static long[] once(Trial t) throws Exception {
        t.before();
        long result;
        long elapsed;
        try {
            long start = System.nanoTime();
            result = t.run();
            elapsed = System.nanoTime() - start;
        } finally {
            t.after();
        }
        return new long[] {elapsed, result};
    }
}
