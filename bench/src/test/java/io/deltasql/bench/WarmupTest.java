package io.deltasql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void runsAtLeastTheGivenCountWhenNoTimeIsAsked() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        new Warmup(5, 0).warm(runs::incrementAndGet);
        assertEquals(5, runs.get());
    }

    @Test
    void keepsRunningUntilTheGivenTimeHasPassed() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        long t0 = System.nanoTime();
        new Warmup(1, 0.05).warm(() -> {
            Thread.sleep(5);
            return runs.incrementAndGet();
        });
        assertTrue(System.nanoTime() - t0 >= 50_000_000L, "warmed for the given time");
        assertTrue(runs.get() > 1, "more runs than the minimum count: " + runs.get());
    }

    @Test
    void stopsAtTheRunCapHoweverFastTheCall() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        new Warmup(0, 3600).warm(runs::incrementAndGet);
        assertEquals(Warmup.MAX_RUNS, runs.get());
    }

    @Test
    void refusesNegativeSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Warmup(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Warmup(0, -0.5));
    }

    @Test
    void slowScenariosCapIt() {
        assertEquals(new Warmup(1, 0), new Warmup(3, 1).atMost(1, 0));
    }
}
