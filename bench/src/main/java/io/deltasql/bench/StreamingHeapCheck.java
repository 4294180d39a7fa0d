package io.deltasql.bench;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;

/**
 * Run in a child JVM with a small {@code -Xmx}: streams every file of a table with the snapshot
 * cache unable to hold its list ({@code cacheMaxFiles=0}), so the list comes from a catalog cursor,
 * or counts Kernel's scan files the same way. Prints "count millis"; an OutOfMemoryError means the
 * listing does not fit in that heap.
 */
public final class StreamingHeapCheck {
    private StreamingHeapCheck() {}

    public static void main(String[] args) throws Exception {
        String side = args[0];
        long start;
        long n;
        if (side.equals("deltasql")) {
            try (DeltaCatalog c = DeltaCatalog.open(
                    CatalogConfig.builder(args[1]).cacheMaxFiles(0).poolSize(2).build())) {
                start = System.nanoTime();
                n = DeltaSqlSide.count(c.snapshot(args[2]).streamFiles());
            }
        } else {
            KernelSide k = KernelSide.local();
            start = System.nanoTime();
            n = k.countFiles(k.engine(), args[1]);
        }
        System.out.println(n + " " + (System.nanoTime() - start) / 1_000_000);
    }
}
