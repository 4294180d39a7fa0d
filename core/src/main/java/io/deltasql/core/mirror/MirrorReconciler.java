package io.deltasql.core.mirror;

import io.deltasql.core.DaemonThreads;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.internal.mirror.MirrorWriter;
import io.deltasql.core.internal.mirror.StaleTempFiles;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.internal.storage.StorePath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * blocks the table; it also removes stale temp files an interrupted write left in a table's log.
 * Run it once ({@link #reconcile()}, the {@code mirror} command) or on a
 * background daemon thread ({@link #start(Duration)}, the server).
 */
public final class MirrorReconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorReconciler.class);

    private final MirrorWriter writer;
    private final boolean ownsWriter;
    private final Map<String, String> reportedBlocks = new ConcurrentHashMap<>();
    /** Table uuid to when its log was last searched for stale temp files. */
    private final Map<String, Instant> lastTempSweep = new ConcurrentHashMap<>();

    private ScheduledExecutorService scheduler;

    /**
     * A reconciler with its own writer, closed with it: for a process without an installed mirror
     * (the {@code mirror} command). Beside one, use {@link #MirrorReconciler(DeltaLogMirror)}: this
     * one takes versions the mirror wrote but has not recorded yet for pending work, finds them in
     * the log and records (and counts) them.
     */
    public MirrorReconciler(DeltaCatalog catalog) {
        this(new MirrorWriter(catalog), true);
    }

    /** A reconciler sharing the writer (and so its per-table ordering) of the process's installed {@code mirror}. */
    public MirrorReconciler(DeltaLogMirror mirror) {
        this(mirror.writer(), false);
    }

    /** A reconciler sharing {@code writer}; package-private, as the writer is core's implementation (tests use it). */
    MirrorReconciler(MirrorWriter writer) {
        this(writer, false);
    }

    private MirrorReconciler(MirrorWriter writer, boolean ownsWriter) {
        this.writer = writer;
        this.ownsWriter = ownsWriter;
    }

    /**
     * One pass over the catalog: mirrors every pending version, in order, across all tables, then
     * checks every table for an outside writer and writes its latest due checkpoint if it is
     * missing. Returns how many pending versions it wrote or found already in their logs, all
     * recorded as mirrored on return; versions its own writer wrote before are recorded first and
     * not counted. Failures are recorded per version ({@link DeltaCatalog#mirrorStatus}) and logged,
     * never thrown.
     */
    public int reconcile() {
        DeltaCatalog catalog = writer.catalog();
        writer.flush(); // what this writer wrote is recorded, not verified again
        // Read from the ledger, not through the catalog (whose pendingMirrors would first flush every
        // commit listener, this process's mirror among them, from inside the mirror). A version another
        // writer of this process wrote but has not recorded yet is listed; catching it up finds the
        // identical file and records it (ALREADY_PRESENT), so nothing is written twice.
        Set<String> tables = new LinkedHashSet<>();
        for (MirrorStatus.PendingVersion p : writer.ledger().pending()) {
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
            removeStaleTempFiles(t);
            try {
                if (!writer.checkForOutsideWriter(t.name())) {
                    writer.completeCheckpoint(t.name());
                }
            } catch (TableNotFoundException dropped) {
                // Dropped since the list was read.
            } catch (RuntimeException e) {
                LOG.warn(
                        "mirror: could not check table '{}' for outside writers and checkpoints: {}",
                        t.name(),
                        MirrorWriter.describe(e));
            }
        }
        try {
            writer.flush();
        } catch (RuntimeException e) {
            LOG.warn(
                    "mirror: could not record the reconciled versions in the catalog: {}; the next pass does",
                    MirrorWriter.describe(e));
        }
        if (mirrored > 0) {
            LOG.debug("mirror: reconciled {} pending version(s) into _delta_log", mirrored);
        }
        return mirrored;
    }

    /**
     * Removes the temp files a mirror that died mid-write left in the table's log; each table's
     * log is listed at most once per {@link StaleTempFiles#MIN_AGE}, not on every pass.
     */
    private void removeStaleTempFiles(TableInfo t) {
        Instant now = Instant.now();
        Instant last = lastTempSweep.get(t.tableUuid());
        if (last != null && now.isBefore(last.plus(StaleTempFiles.MIN_AGE))) {
            return;
        }
        lastTempSweep.put(t.tableUuid(), now);
        try {
            StorePath log = TableLocations.logDirectory(t.name(), t.location());
            if (!log.isLocal()) {
                return; // object stores take each file in one write: no temp files to leave behind
            }
            Path logDir = log.toLocal();
            int removed = StaleTempFiles.remove(logDir, now);
            if (removed > 0) {
                LOG.debug(
                        "mirror: removed {} stale temp file(s) left by an interrupted write from {}", removed, logDir);
            }
        } catch (UnsupportedLocationException | IOException e) {
            LOG.debug(
                    "mirror: could not look for stale temp files of table '{}': {}",
                    t.name(),
                    MirrorWriter.describe(e));
        }
    }

    /** A blocked table with pending versions is reported once per reason, not on every pass. */
    private void reportBlocked(String table, String reason, long firstPending) {
        if (!reason.equals(reportedBlocks.put(table, reason))) {
            LOG.error(
                    "mirror: Delta table '{}' is blocked ({}); versions from {} on are not mirrored until it is re-imported",
                    table,
                    reason,
                    firstPending);
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
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("deltasql-mirror-reconciler"));
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

    /**
     * Stops the background thread, letting a running pass finish (up to 10 seconds), and closes the
     * writer if the reconciler made it.
     */
    @Override
    public synchronized void close() {
        if (ownsWriter) {
            stopScheduler();
            writer.close();
        } else {
            stopScheduler();
        }
    }

    private void stopScheduler() {
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
