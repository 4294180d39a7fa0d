package io.deltasql.core.internal.mirror;

import io.deltasql.core.DaemonThreads;
import io.deltasql.core.MirrorLedger;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.internal.storage.StorePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "mirrored" records of written commit files, deferred and batched: a background thread (or
 * {@link #flush}) forces the files and their directories to disk, then records all of them in one
 * catalog transaction (in the {@link MirrorLedger}, never back through the catalog's listeners).
 * Nothing reads these marks before they are recorded: the writer flushes them before it reads the
 * ledger, and the catalog asks its listeners to flush before it reports mirror status to a caller.
 * A version is recorded only once its file is durable, so after a crash every
 * version whose file may be missing or incomplete is still pending for the reconciler. Marks that
 * cannot be recorded stay queued for the next flush; a process that dies with marks queued loses
 * nothing but the record, which the reconciler restores by finding the identical file.
 */
public final class MirrorMarks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorMarks.class);
    /** How long marks gather before a background flush: one catalog transaction for every commit in the window. */
    static final long FLUSH_DELAY_MILLIS = 100;

    private record Written(MirrorStatus.Mark mark, StorePath file) {}

    private final MirrorLedger ledger;
    private final LogFiles files;
    private final Object flushLock = new Object();
    private List<Written> queued = new ArrayList<>();
    private boolean scheduled;
    private boolean closed;
    private ScheduledExecutorService flusher;

    MirrorMarks(MirrorLedger ledger, LogFiles files) {
        this.ledger = ledger;
        this.files = files;
    }

    /** Queues the record of {@code file}, written for {@code mark}; a background flush follows shortly. */
    void add(MirrorStatus.Mark mark, StorePath file) {
        synchronized (this) {
            queued.add(new Written(mark, file));
            if (scheduled || closed) {
                return; // after close, the caller's own flush records it
            }
            scheduled = true;
            if (flusher == null) {
                flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("deltasql-mirror-marks"));
            }
            flusher.schedule(this::flushQuietly, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    synchronized int queued() {
        return queued.size();
    }

    /** {@link #flush}, logging a failure instead of throwing it (the marks stay queued). */
    void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn(
                    "mirror: could not record written versions in the catalog: {}; retrying with the next flush",
                    MirrorWriter.describe(e));
        }
    }

    /** Forces every queued file to disk and records them all; on failure they stay queued. */
    void flush() {
        synchronized (flushLock) {
            List<Written> batch;
            synchronized (this) {
                scheduled = false;
                if (queued.isEmpty()) {
                    return;
                }
                batch = queued;
                queued = new ArrayList<>();
            }
            List<MirrorStatus.Mark> durable = new ArrayList<>();
            Set<StorePath> directories = new LinkedHashSet<>();
            Set<Long> failedTables = new HashSet<>();
            for (Written w : batch) {
                if (failedTables.contains(w.mark().tableId())) {
                    continue; // later versions wait for the earlier one: mirrored versions stay contiguous
                }
                try {
                    files.force(w.file());
                    directories.add(w.file().parent());
                    durable.add(w.mark());
                } catch (IOException | RuntimeException e) {
                    // Deleted or unreadable since: leave the version pending, the reconciler looks at it again.
                    failedTables.add(w.mark().tableId());
                    LOG.warn(
                            "mirror: could not force {} to disk ({}); version {} of table '{}' stays pending",
                            w.file(),
                            MirrorWriter.describe(e),
                            w.mark().version(),
                            w.mark().table());
                }
            }
            for (StorePath dir : directories) {
                try {
                    files.forceDirectory(dir);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("mirror: could not force directory {}: {}", dir, MirrorWriter.describe(e));
                }
            }
            try {
                ledger.markMirrored(durable);
            } catch (RuntimeException e) {
                synchronized (this) {
                    List<Written> retry = new ArrayList<>(batch);
                    retry.removeIf(w -> failedTables.contains(w.mark().tableId()));
                    retry.addAll(queued);
                    queued = retry;
                }
                throw e;
            }
        }
    }

    /** Stops the background thread and records what is queued (the catalog must still be open). */
    @Override
    public void close() {
        ScheduledExecutorService f;
        synchronized (this) {
            closed = true;
            f = flusher;
            flusher = null;
        }
        if (f != null) {
            f.shutdown(); // a scheduled flush still runs; a running one is not interrupted mid-transaction
            try {
                f.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }
}
