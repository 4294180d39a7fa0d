package io.deltasql.core.internal.mirror;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.DaemonThreads;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.mirror.Checkpointer;
import io.deltasql.core.mirror.MirrorReconciler;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the mirror's checkpoints off the committing thread: one background thread takes them in
 * the order they were asked for, so a table never has two checkpoints running, and at most
 * {@value #MAX_QUEUED} wait (beyond that a request is dropped and logged). A failed or dropped
 * checkpoint only costs readers time (they replay from the previous one); the
 * {@link MirrorReconciler} writes a table's latest due checkpoint when it is missing.
 * {@link #close} takes no new requests and waits up to {@value #CLOSE_WAIT_SECONDS} s for the
 * queued ones; whatever is still unwritten then is abandoned (logged), and the reconciler completes
 * it.
 */
public final class BackgroundCheckpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCheckpoints.class);
    static final long CLOSE_WAIT_SECONDS = 60;
    static final int MAX_QUEUED = 1_000;

    private final Checkpointer checkpointer;
    private final Engine engine;
    private final LogFiles files;
    private final ConcurrentHashMap<StorePath, ReentrantLock> tableLocks = new ConcurrentHashMap<>();
    private int inFlight;
    private boolean closed;
    private ExecutorService executor;

    BackgroundCheckpoints(Checkpointer checkpointer, Engine engine, LogFiles files) {
        this.checkpointer = checkpointer;
        this.engine = engine;
        this.files = files;
    }

    /** Queues the checkpoint of {@code table} at {@code version}; returns false when it was not queued (closed or full). */
    synchronized boolean request(String table, StorePath tableDirectory, long version) {
        if (closed || inFlight >= MAX_QUEUED) {
            LOG.warn(
                    "mirror: the checkpoint of table '{}' at version {} is left to the reconciler: {}",
                    table,
                    version,
                    closed ? "the mirror is closing" : MAX_QUEUED + " checkpoints are already waiting");
            return false;
        }
        inFlight++;
        executor().execute(() -> run(table, tableDirectory, version));
        return true;
    }

    private ExecutorService executor() {
        if (executor == null) {
            ThreadPoolExecutor e = new ThreadPoolExecutor(
                    1,
                    1,
                    30,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    DaemonThreads.named("deltasql-mirror-checkpoint"));
            e.allowCoreThreadTimeOut(true);
            executor = e;
        }
        return executor;
    }

    private void run(String table, StorePath tableDirectory, long version) {
        try {
            if (Thread.currentThread().isInterrupted()) {
                return; // abandoned by close
            }
            checkpointNow(table, tableDirectory, version);
        } finally {
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    /**
     * Writes the checkpoint of {@code table} at {@code version} on the calling thread, unless it
     * exists; waits for a background checkpoint of the same table. Never throws. Returns true when
     * the checkpoint is there afterwards.
     */
    boolean checkpointNow(String table, StorePath tableDirectory, long version) {
        StorePath logDirectory = tableDirectory.resolve("_delta_log");
        StorePath file = TableLocations.checkpointFile(logDirectory, version);
        ReentrantLock lock = tableLocks.computeIfAbsent(tableDirectory, d -> new ReentrantLock());
        lock.lock();
        try {
            if (exists(logDirectory, version)) {
                return true;
            }
            checkpointer.checkpoint(engine, tableDirectory.value(), version);
            LOG.debug("mirror: wrote the checkpoint of table '{}' at version {}", table, version);
            return true;
        } catch (Exception | LinkageError e) {
            if (exists(logDirectory, version)) {
                // Another deltasql server checkpointed the same version at the same moment, or only a step after
                // the checkpoint file failed (its _last_checkpoint hint, which readers can do without).
                LOG.debug(
                        "mirror: the checkpoint of table '{}' at version {} is in place, though writing it reported {}"
                                + " (another writer made it meanwhile, or a step after it failed)",
                        table,
                        version,
                        MirrorWriter.describe(e));
                return true;
            }
            // The JSON commit is what matters: readers replay from the previous checkpoint.
            LOG.warn(
                    "mirror: could not write the checkpoint of table '{}' at version {} ({}): {}; the commit file is in"
                            + " place and readers replay the log from the previous checkpoint",
                    table,
                    version,
                    file,
                    MirrorWriter.describe(e));
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean exists(StorePath logDirectory, long version) {
        try {
            return files.hasCheckpoint(logDirectory, version);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Waits until every queued checkpoint has been written or has failed. */
    void awaitIdle() throws InterruptedException {
        synchronized (this) {
            while (inFlight > 0) {
                wait();
            }
        }
    }

    /**
     * Takes no new requests and waits for the queued checkpoints (up to {@value #CLOSE_WAIT_SECONDS}
     * s); what is not written by then is abandoned and left to the reconciler.
     */
    @Override
    public void close() {
        ExecutorService e;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            e = executor;
        }
        if (e == null) {
            return;
        }
        e.shutdown(); // queued checkpoints still run
        try {
            if (!e.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn(
                        "mirror: checkpoints still unwritten after waiting {} s at close ({} left); abandoning them,"
                                + " the reconciler writes the latest of each table",
                        CLOSE_WAIT_SECONDS,
                        pending());
                e.shutdownNow();
            }
        } catch (InterruptedException ex) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized int pending() {
        return inFlight;
    }
}
