package io.deltasql.jdbc.local;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the libraries inside the shaded driver jar quiet in a host tool's log: the jar's logging
 * goes to java.util.logging, where the pool's start/stop notices and Kernel's, Hadoop's, Parquet's
 * and Calcite's chatter would otherwise appear at INFO. deltasql's own routine work logs at DEBUG
 * (FINE), and what an operator must see at WARN. Only loggers the host has not configured are touched.
 */
final class LibraryLogging {
    // Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("com.zaxxer.hikari"),
            Logger.getLogger("org.apache.hadoop"),
            Logger.getLogger("org.apache.parquet"),
            Logger.getLogger("org.apache.calcite"),
            // Every library relocated into the driver jar, whatever its original name.
            Logger.getLogger("io.deltasql.shaded"));
    /**
     * Warnings that tell a host's operator nothing: Hadoop has no native library on most machines,
     * and Kernel warns of a missing checkpoint whenever it reads a log that has none yet.
     */
    private static final List<Logger> SILENCED =
            List.of(Logger.getLogger("org.apache.hadoop.util.NativeCodeLoader"), Logger.getLogger("io.delta.kernel"));

    private LibraryLogging() {}

    static void quietLibraries() {
        for (Logger logger : QUIETED) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
        for (Logger logger : SILENCED) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.SEVERE);
            }
        }
    }
}
