package io.deltasql.core.mirror;

import io.deltasql.core.CommitListener;
import io.deltasql.core.CommitResult;
import io.deltasql.core.CommittedVersion;
import io.deltasql.core.DaemonThreads;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.internal.mirror.MirrorWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors each commit to its table's {@code _delta_log} right after it lands, on the committing
 * thread, so a reader of the log sees the version as soon as the commit call returns; the tables of
 * a multi-table commit are written in parallel, all before the call returns. Versions an earlier
 * attempt left pending are written first (order is kept); whatever cannot be written stays
 * pending for the {@link MirrorReconciler}. Never throws: the commit has already succeeded.
 * With {@link MirrorTiming#AFTER_RETURN} the same writing happens on one background publisher, in
 * commit order, after the commit call has returned.
 *
 * <pre>{@code
 * DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
 * MirrorReconciler reconciler = new MirrorReconciler(mirror).start(Duration.ofSeconds(30));
 * }</pre>
 *
 * The writing itself is core's implementation ({@code internal.mirror.MirrorWriter}); a mirror and
 * the reconciler made from it share one writer, and so its per-table ordering.
 */
public final class DeltaLogMirror implements CommitListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaLogMirror.class);
    /** Threads writing the other tables of a multi-table commit; beyond them the committing thread writes itself. */
    static final int PARALLEL_WRITERS = 4;

    /** Delta's default {@code delta.checkpointInterval}: a checkpoint every this many versions unless the table says otherwise. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = MirrorWriter.DEFAULT_CHECKPOINT_INTERVAL;

    /** Commits the publisher may hold unwritten ({@link MirrorTiming#AFTER_RETURN}); the next one waits for room. */
    static final int PUBLISH_BACKLOG = 100;

    /** How long closing waits for the publisher to write what it was handed; the rest stays pending. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final MirrorWriter writer;
    private final ThreadPoolExecutor parallel;
    /** Writes commits after their calls returned ({@link MirrorTiming#AFTER_RETURN}); null when they write before. */
    private final ExecutorService publisher;

    /** Package-private: the writer is core's implementation; tests in this package inject failing ones. */
    DeltaLogMirror(MirrorWriter writer) {
        this(writer, MirrorTiming.BEFORE_RETURN);
    }

    DeltaLogMirror(MirrorWriter writer, MirrorTiming timing) {
        this.writer = writer;
        // One thread keeps commit order. A full backlog makes the committing thread wait for room, so
        // the log never falls more than PUBLISH_BACKLOG commits behind; while closing, it writes itself.
        this.publisher = timing == MirrorTiming.AFTER_RETURN
                ? new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(PUBLISH_BACKLOG),
                        DaemonThreads.named("deltasql-mirror-publisher"),
                        DeltaLogMirror::waitForRoom)
                : null;
        this.parallel = new ThreadPoolExecutor(
                0,
                PARALLEL_WRITERS,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.named("deltasql-mirror-writer"),
                (task, executor) -> task.run()); // all busy, or closing: the committing thread writes it itself
    }

    /** Creates a mirror writing checkpoints with Delta Kernel and adds it to the catalog's commit listeners. */
    public static DeltaLogMirror install(DeltaCatalog catalog) {
        return install(new MirrorWriter(catalog));
    }

    /**
     * Creates a mirror whose checkpoints {@code checkpointer} writes (the mirror still decides when
     * one is due) and adds it to the catalog's commit listeners.
     */
    public static DeltaLogMirror install(DeltaCatalog catalog, Checkpointer checkpointer) {
        return install(new MirrorWriter(catalog, checkpointer));
    }

    /**
     * Creates a mirror writing each commit at {@code timing} (checkpoints with Delta Kernel) and adds
     * it to the catalog's commit listeners.
     */
    public static DeltaLogMirror install(DeltaCatalog catalog, MirrorTiming timing) {
        return install(new MirrorWriter(catalog), timing);
    }

    /** Adds a mirror using {@code writer} to the commit listeners of the writer's catalog. */
    static DeltaLogMirror install(MirrorWriter writer) {
        return install(writer, MirrorTiming.BEFORE_RETURN);
    }

    static DeltaLogMirror install(MirrorWriter writer, MirrorTiming timing) {
        DeltaLogMirror mirror = new DeltaLogMirror(writer, timing);
        writer.catalog().addCommitListener(mirror);
        return mirror;
    }

    private static void waitForRoom(Runnable task, ThreadPoolExecutor publisher) {
        if (publisher.isShutdown()) {
            task.run();
            return;
        }
        try {
            publisher.getQueue().put(task);
        } catch (InterruptedException e) {
            // The version stays pending in the catalog: the table's next write or the reconciler catches it up.
            Thread.currentThread().interrupt();
        }
    }

    /** When this mirror writes a commit's log file: before or after the commit call returns. */
    public MirrorTiming timing() {
        return publisher == null ? MirrorTiming.BEFORE_RETURN : MirrorTiming.AFTER_RETURN;
    }

    /** The writer a {@link MirrorReconciler} made from this mirror shares. */
    MirrorWriter writer() {
        return writer;
    }

    @Override
    public void committedVersions(List<CommittedVersion> versions) {
        List<CommittedVersion> handed = publisher == null ? versions : List.copyOf(versions); // the caller's may change
        afterReturnOrNow(() -> write(handed));
    }

    /** Writes the versions of one commit (the tables of a multi-table commit in parallel); never throws. */
    private void write(List<CommittedVersion> versions) {
        if (versions.size() == 1) {
            mirror(versions.get(0));
            return;
        }
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (CommittedVersion v : versions.subList(1, versions.size())) {
            others.add(CompletableFuture.runAsync(() -> mirror(v), parallel));
        }
        mirror(versions.get(0));
        for (CompletableFuture<Void> f : others) {
            f.join(); // mirror() never throws
        }
    }

    private void mirror(CommittedVersion v) {
        String table = v.table().name();
        try {
            MirrorWriter.CatchUp c = writer.writeCommitted(v);
            recordWaiting(v.table(), v.version(), c);
        } catch (TableNotFoundException dropped) {
            LOG.debug("mirror: table '{}' was dropped before version {} was mirrored", table, v.version());
        } catch (RuntimeException ex) {
            LOG.warn(
                    "mirror: could not mirror version {} of table '{}' after its commit: {}; it stays pending",
                    v.version(),
                    table,
                    MirrorWriter.describe(ex));
        }
    }

    /** Commits whose details this process does not have (their outcome was looked up): caught up from the catalog. */
    @Override
    public void committed(List<CommitResult> results) {
        List<CommitResult> handed = publisher == null ? results : List.copyOf(results);
        afterReturnOrNow(() -> catchUp(handed));
    }

    /** Runs a write on the publisher ({@link MirrorTiming#AFTER_RETURN}) or on the committing thread. */
    private void afterReturnOrNow(Runnable write) {
        if (publisher == null) {
            write.run();
        } else {
            publisher.execute(write);
        }
    }

    private void catchUp(List<CommitResult> results) {
        Map<String, Long> newest = new LinkedHashMap<>();
        for (CommitResult r : results) {
            newest.merge(r.table(), r.version(), Math::max);
        }
        for (Map.Entry<String, Long> e : newest.entrySet()) {
            String table = e.getKey();
            long version = e.getValue();
            try {
                MirrorWriter.CatchUp c = writer.catchUp(table, MirrorWriter.CheckpointMode.BACKGROUND);
                if (waiting(version, c)) {
                    recordWaiting(writer.catalog().table(table), version, c);
                }
            } catch (TableNotFoundException dropped) {
                LOG.debug("mirror: table '{}' was dropped before version {} was mirrored", table, version);
            } catch (RuntimeException ex) {
                LOG.warn(
                        "mirror: could not mirror version {} of table '{}' after its commit: {}; it stays pending",
                        version,
                        table,
                        MirrorWriter.describe(ex));
            }
        }
    }

    /** The new version was not attempted because an earlier one could not be written: say why in its status. */
    private void recordWaiting(TableInfo table, long version, MirrorWriter.CatchUp c) {
        if (waiting(version, c)) {
            writer.ledger()
                    .markMirrorFailed(
                            table,
                            version,
                            "waiting for version " + c.stoppedAt() + " to be written first (" + c.stoppedBecause()
                                    + ": " + c.error() + ")");
        }
    }

    private static boolean waiting(long version, MirrorWriter.CatchUp c) {
        return !c.complete() && c.stoppedAt() < version;
    }

    /** Records the versions written so far as mirrored (the catalog asks before it reports mirror status to a caller). */
    @Override
    public void flush() {
        writer.flush();
    }

    /**
     * Waits until the commits handed to the publisher so far are written (with {@link
     * MirrorTiming#AFTER_RETURN}) and the background checkpoints queued so far, and records every
     * written version.
     */
    public void awaitIdle() throws InterruptedException {
        if (publisher != null) {
            try {
                publisher.submit(() -> {}).get(); // one thread: everything handed over before is done
            } catch (ExecutionException | RejectedExecutionException e) {
                // Closed: close() already waited for what it could.
            }
        }
        writer.awaitIdle();
    }

    /**
     * The catalog is closing: stops the parallel writers and closes the writer, which waits (bounded)
     * for queued checkpoints and records every written version.
     */
    @Override
    public void close() {
        if (publisher != null) {
            publisher.shutdown();
            try {
                if (!publisher.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn(
                            "mirror: closing with commits not yet written to _delta_log after {} s;"
                                    + " they stay pending for the reconciler",
                            CLOSE_WAIT_SECONDS);
                    publisher.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        parallel.shutdown();
        try {
            parallel.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
    }
}
