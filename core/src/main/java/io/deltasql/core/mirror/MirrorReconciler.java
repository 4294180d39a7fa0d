package io.deltasql.core.mirror;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the mirror: writes every version still pending (a failed write, a crash between commit
 * and mirror, a commit made by a process without a mirror) in order per table, and looks in every
 * table's {@code _delta_log} for a version past the catalog's head that another engine wrote, which
 * blocks the table. Run it once ({@link #reconcile()}, the {@code mirror} command) or on a
 * background daemon thread ({@link #start(Duration)}, the server).
 */
public final class MirrorReconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorReconciler.class);

    private final MirrorWriter writer;
    private final Map<String, String> reportedBlocks = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public MirrorReconciler(DeltaCatalog catalog) {
        this(new MirrorWriter(catalog));
    }

    /** A reconciler sharing {@code writer} (and so its per-table ordering) with the process's {@link DeltaLogMirror}. */
    public MirrorReconciler(MirrorWriter writer) {
        this.writer = writer;
    }

    /**
     * One pass over the catalog: mirrors every pending version, in order, across all tables, then
     * checks every table for an outside writer. Returns how many versions got into their logs.
     * Failures are recorded per version ({@link DeltaCatalog#mirrorStatus}) and logged, never thrown.
     */
    public int reconcile() {
        DeltaCatalog catalog = writer.catalog();
        Set<String> tables = new LinkedHashSet<>();
        for (MirrorStatus.PendingVersion p : catalog.pendingMirrors()) {
            tables.add(p.table());
        }
        int mirrored = 0;
        for (String table : tables) {
            try {
                MirrorWriter.CatchUp c = writer.catchUp(table);
                mirrored += c.mirrored();
                if (c.stoppedBecause() == MirrorWriter.Outcome.BLOCKED) {
                    reportBlocked(table, c.error(), c.stoppedAt());
                }
            } catch (TableNotFoundException dropped) {
                // Dropped since the pending list was read.
            } catch (RuntimeException e) {
                LOG.warn("mirror: could not reconcile table '{}': {}", table, MirrorWriter.describe(e));
            }
        }
        for (TableInfo t : catalog.listTables()) {
            try {
                writer.checkForOutsideWriter(t.name());
            } catch (TableNotFoundException dropped) {
                // Dropped since the list was read.
            } catch (RuntimeException e) {
                LOG.warn("mirror: could not check table '{}' for outside writers: {}", t.name(), MirrorWriter.describe(e));
            }
        }
        if (mirrored > 0) {
            LOG.info("mirror: reconciled {} pending version(s) into _delta_log", mirrored);
        }
        return mirrored;
    }

    /** A blocked table with pending versions is reported once per reason, not on every pass. */
    private void reportBlocked(String table, String reason, long firstPending) {
        if (!reason.equals(reportedBlocks.put(table, reason))) {
            LOG.error("mirror: Delta table '{}' is blocked ({}); versions from {} on are not mirrored until it is re-imported",
                    table, reason, firstPending);
        }
    }

    /** Runs {@link #reconcile()} now and then every {@code interval} on a daemon thread, until {@link #close()}. */
    public synchronized MirrorReconciler start(Duration interval) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the mirror reconcile interval must be positive, was " + interval);
        }
        if (scheduler != null) {
            throw new IllegalStateException("the mirror reconciler is already running");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deltasql-mirror-reconciler");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::reconcileQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (Throwable t) {
            // An exception would end the schedule: log it and try again next time.
            LOG.warn("mirror: reconcile pass failed: {}", MirrorWriter.describe(t));
            if (t instanceof Error err && !(t instanceof LinkageError)) {
                throw err;
            }
        }
    }

    /** Stops the background thread, letting a running pass finish (up to 10 seconds). */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }
}
