package io.deltasql.bench;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: the retained size of what is still referenced. */
final class Heap {
    private Heap() {}

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(40);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
