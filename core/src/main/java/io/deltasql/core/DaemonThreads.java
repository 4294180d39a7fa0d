package io.deltasql.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for deltasql's background work (mirror, checkpoints, marks, parallel loads, async
 * calls): daemons, so they never keep a JVM alive, each named after its job so a thread dump
 * says what it is doing.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A factory of daemon threads named {@code name-1}, {@code name-2}, … */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
