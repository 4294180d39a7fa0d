package io.deltasql.core.internal.mirror;

import io.deltasql.core.CommittedVersion;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorLedger;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableInfo;
import io.deltasql.core.internal.commit.CatalogManagedRules;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.mirror.Checkpointer;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.mirror.UnsupportedLocationException;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes committed versions of a table to its {@code _delta_log} as Delta JSON commit files,
 * exactly the lines the catalog holds ({@link DeltaCatalog#actionLines}), one version at a time and
 * strictly in order, with a Parquet checkpoint at the table's {@code delta.checkpointInterval}.
 * Each commit file gets the commit's catalog timestamp as its modification time, the time Delta
 * readers give a commit of a table without in-commit timestamps, so their time travel by timestamp
 * finds the version the catalog's does.
 *
 * <p>A commit file is only ever created, never replaced. Finding it already there with the same
 * lines (another deltasql server, or an earlier attempt that crashed before recording it) counts
 * as mirrored; finding different lines means another engine writes to the table: the table is
 * blocked ({@link MirrorLedger#block}) and the conflict is logged as an error. The one
 * exception: catching up a pending version whose file is an incomplete copy of the catalog's lines
 * (what a machine crash leaves of a file not yet forced to disk) replaces it atomically. Any other
 * failure (disk full, permissions, an unsupported location) is recorded with
 * {@link MirrorLedger#markMirrorFailed} and the version stays pending for the
 * {@link MirrorReconciler}. The commit itself is never affected.
 *
 * <p>Written versions are recorded as mirrored in batches, after their files are forced to disk
 * ({@link MirrorMarks}); checkpoints after a commit are written in the background
 * ({@link BackgroundCheckpoints}), by the reconciler on its own thread. The writer keeps its
 * bookkeeping in the catalog's {@link MirrorLedger}, not through {@link DeltaCatalog}, and records
 * its deferred marks itself before it reads the ledger; tables, snapshots and action lines it
 * reads through the catalog.
 *
 * <p>Thread-safe; work on one table is serialised. Share one writer between the
 * {@link DeltaLogMirror} and the {@link MirrorReconciler} of a process; close it (closing the
 * catalog closes the installed mirror's writer) to record what it deferred.
 */
public final class MirrorWriter implements AutoCloseable {
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 10;
    public static final String CHECKPOINT_INTERVAL_PROPERTY = "delta.checkpointInterval";

    private static final Logger LOG = LoggerFactory.getLogger(MirrorWriter.class);

    /** What became of one version. */
    public enum Outcome {
        /** The commit file was created. */
        WRITTEN,
        /** The commit file was already there with exactly these lines. */
        ALREADY_PRESENT,
        /** Writing failed (I/O, permissions, location); recorded, the version stays pending. */
        FAILED,
        /** The commit file exists with other content: another engine writes the table, which is now blocked. */
        OUTSIDE_WRITER,
        /** The table is blocked (an outside writer was found earlier); nothing is written until it is re-imported. */
        BLOCKED,
        /** An earlier version is not mirrored yet; versions are written strictly in order. */
        OUT_OF_ORDER;

        public boolean mirrored() {
            return this == WRITTEN || this == ALREADY_PRESENT;
        }
    }

    /**
     * The result of mirroring a table's pending versions in order: how many got into the log, and,
     * when it stopped early, at which version, why, and the error.
     */
    public record CatchUp(String table, int mirrored, long stoppedAt, Outcome stoppedBecause, String error) {
        public boolean complete() {
            return stoppedBecause == null;
        }
    }

    private record Attempt(Outcome outcome, String error) {}

    /** Where a write's checkpoint goes: the committing thread hands it to the background, the reconciler writes it. */
    public enum CheckpointMode {
        BACKGROUND,
        NOW
    }

    private final DeltaCatalog catalog;
    private final MirrorLedger ledger;
    private final LogFiles files;
    private final BackgroundCheckpoints checkpoints;
    private final MirrorMarks marks;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /**
     * Per table (by its uuid, which a re-created or re-imported table does not share): the newest
     * version this process knows to be in the log with every version before it. A commit right
     * after it is written without asking the catalog; anything else catches up from the catalog.
     */
    private final ConcurrentHashMap<String, Long> inLog = new ConcurrentHashMap<>();

    private final UnwritableLocations unwritable = new UnwritableLocations();

    public MirrorWriter(DeltaCatalog catalog) {
        this(catalog, Checkpointer.kernel());
    }

    /** A writer on the stores of the catalog's storage settings, with its own checkpointer. */
    public MirrorWriter(DeltaCatalog catalog, Checkpointer checkpointer) {
        this(catalog, LogFiles.on(Storage.of(catalog.config())), checkpointer);
    }

    /** A writer with its own file operations and checkpointer (tests inject failures through these). */
    public MirrorWriter(DeltaCatalog catalog, LogFiles files, Checkpointer checkpointer) {
        this.catalog = catalog;
        this.ledger = catalog.mirrorLedger();
        this.files = files;
        this.checkpoints = new BackgroundCheckpoints(
                checkpointer, Storage.of(catalog.config()).engine(), files);
        this.marks = new MirrorMarks(ledger, files);
    }

    public DeltaCatalog catalog() {
        return catalog;
    }

    /** Where the writer records what it mirrored, what failed and which tables it blocked. */
    public MirrorLedger ledger() {
        return ledger;
    }

    /**
     * Mirrors a version right after its commit, from the lines the commit had in memory. When this
     * process knows the version before it is in the log, only the file is written: no catalog read,
     * no fsync, the "mirrored" record deferred ({@link MirrorMarks}) and a due checkpoint queued in
     * the background. Otherwise the table is caught up from the catalog, in order.
     */
    public CatchUp writeCommitted(CommittedVersion committed) {
        TableInfo table = committed.table();
        long version = committed.version();
        ReentrantLock lock = lockOf(table.name());
        lock.lock();
        try {
            Long known = inLog.get(table.tableUuid());
            if (known != null && known >= version) {
                return new CatchUp(table.name(), 0, -1, null, null); // a catch-up on another thread wrote it
            }
            if (version == 0 || (known != null && known == version - 1)) {
                int interval = checkpointInterval(table.name(), committed.metadata());
                Attempt a = writeVersion(
                        table,
                        version,
                        committed.result().timestamp(),
                        committed.lines(),
                        interval,
                        CheckpointMode.BACKGROUND,
                        false);
                return a.outcome().mirrored()
                        ? new CatchUp(table.name(), 1, -1, null, null)
                        : new CatchUp(table.name(), 0, version, a.outcome(), a.error());
            }
            return catchUp(table.name(), CheckpointMode.BACKGROUND);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes one version of {@code table} to its {@code _delta_log}. Refuses with
     * {@link Outcome#OUT_OF_ORDER} while an earlier version is still pending.
     */
    public Outcome write(String table, long version) {
        ReentrantLock lock = lockOf(table);
        lock.lock();
        try {
            marks.flush();
            TableInfo info = catalog.table(table);
            MirrorStatus status = ledger.status(info);
            if (status.blocked()) {
                return Outcome.BLOCKED;
            }
            if (status.pending().stream().anyMatch(p -> p.version() < version)) {
                return Outcome.OUT_OF_ORDER;
            }
            Snapshot snapshot = catalog.snapshotAt(table, version);
            return writeVersion(
                            info,
                            version,
                            snapshot.timestamp(),
                            catalog.actionLines(table, version),
                            checkpointInterval(table, snapshot.metadata()),
                            CheckpointMode.NOW,
                            true)
                    .outcome();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes every pending version of {@code table}, in order, stopping at the first that cannot be
     * written; due checkpoints are written before it returns.
     */
    public CatchUp catchUp(String table) {
        return catchUp(table, CheckpointMode.NOW);
    }

    public CatchUp catchUp(String table, CheckpointMode mode) {
        ReentrantLock lock = lockOf(table);
        lock.lock();
        try {
            marks.flush(); // versions this process wrote are recorded first, not verified again
            TableInfo info = catalog.table(table);
            MirrorStatus status = ledger.status(info);
            List<MirrorStatus.PendingVersion> pending = status.pending();
            if (pending.isEmpty()) {
                inLog.put(info.tableUuid(), status.headVersion());
                return new CatchUp(table, 0, -1, null, null);
            }
            if (status.blocked()) {
                inLog.remove(info.tableUuid());
                return new CatchUp(table, 0, pending.get(0).version(), Outcome.BLOCKED, status.blockedReason());
            }
            int mirrored = 0;
            for (MirrorStatus.PendingVersion p : pending) {
                long v = p.version();
                Snapshot snapshot = catalog.snapshotAt(table, v);
                int interval = checkpointInterval(table, snapshot.metadata());
                Attempt a = writeVersion(
                        info, v, snapshot.timestamp(), catalog.actionLines(table, v), interval, mode, true);
                if (!a.outcome().mirrored()) {
                    return new CatchUp(table, mirrored, v, a.outcome(), a.error());
                }
                mirrored++;
            }
            return new CatchUp(table, mirrored, -1, null, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the table's latest due checkpoint (at or before its mirrored version) if it is missing:
     * a background checkpoint failed or was dropped when its process closed or died. Returns true
     * when it wrote one.
     */
    public boolean completeCheckpoint(String table) {
        marks.flushQuietly(); // versions caught up just before count as mirrored
        TableInfo info = catalog.table(table);
        MirrorStatus status = ledger.status(info);
        if (status.blocked()) {
            return false;
        }
        long complete = status.pending().isEmpty()
                ? status.headVersion()
                : Math.min(status.mirroredVersion(), status.pending().get(0).version() - 1);
        if (complete <= 0) {
            return false;
        }
        StorePath logDir;
        try {
            logDir = TableLocations.logDirectory(info.name(), info.location());
        } catch (UnsupportedLocationException e) {
            return false;
        }
        int interval =
                checkpointInterval(table, catalog.snapshotAt(table, complete).metadata());
        long due = complete / interval * interval;
        try {
            if (due <= 0 || files.hasCheckpoint(logDir, due) || !files.exists(TableLocations.commitFile(logDir, due))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return checkpoints.checkpointNow(table, logDir.parent(), due);
    }

    /**
     * Looks for a commit file one past the catalog's head that deltasql did not write (another
     * engine committed to the table); if there is one, blocks the table. Returns true when it did.
     */
    public boolean checkForOutsideWriter(String table) {
        ReentrantLock lock = lockOf(table);
        lock.lock();
        try {
            TableInfo before = catalog.table(table);
            if (ledger.status(before).blocked()) {
                return false;
            }
            StorePath logDir;
            try {
                logDir = TableLocations.logDirectory(before.name(), before.location());
            } catch (UnsupportedLocationException e) {
                return false;
            }
            long next = before.headVersion() + 1;
            StorePath file = TableLocations.commitFile(logDir, next);
            if (!files.exists(file)) {
                return false;
            }
            // deltasql writes a version only after committing it: if the head is still below it now,
            // after the file was seen, the file is not ours.
            TableInfo after = catalog.table(table);
            if (after.headVersion() >= next) {
                return false;
            }
            String reason = "its _delta_log has version " + next + " (" + file + "), which deltasql did not write:"
                    + " another engine committed to the table, whose catalog head is version " + after.headVersion();
            block(after, next, reason, false);
            return true;
        } catch (IOException e) {
            LOG.warn(
                    "mirror: could not look for outside writers in the _delta_log of table '{}': {}",
                    table,
                    describe(e));
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Records every written version in the catalog now (files forced to disk first). */
    public void flush() {
        marks.flush();
    }

    /** Waits for the background checkpoints queued so far, then records every written version. */
    public void awaitIdle() throws InterruptedException {
        checkpoints.awaitIdle();
        marks.flush();
    }

    /**
     * Waits for the queued checkpoints (bounded; what is left then is abandoned to the reconciler),
     * then records every written version. The catalog must still be open.
     */
    @Override
    public void close() {
        checkpoints.close();
        marks.close();
    }

    /**
     * Writes one version's file, the caller holding the table's lock and every earlier version being
     * in the log. A file already there with the same lines counts as written; with other lines it
     * is an outside writer, unless {@code mayRepair} and it is an incomplete copy of ours, which
     * only a machine crash before the file was forced to disk leaves (the version was still pending).
     * The file gets the commit's {@code timestamp} as its modification time before the version is
     * recorded as mirrored (see {@link #stampCommitTime}).
     */
    private Attempt writeVersion(
            TableInfo table,
            long version,
            long timestamp,
            List<String> lines,
            int interval,
            CheckpointMode mode,
            boolean mayRepair) {
        StorePath logDir;
        try {
            logDir = TableLocations.logDirectory(table.name(), table.location());
        } catch (UnsupportedLocationException e) {
            return unwritable(table, version, e.getMessage());
        }
        StorePath target = TableLocations.commitFile(logDir, version);
        byte[] content = render(lines);
        Outcome outcome;
        try {
            files.createExclusive(target, content);
            outcome = Outcome.WRITTEN;
        } catch (FileAlreadyExistsException exists) {
            Optional<byte[]> existing;
            try {
                existing = files.read(target);
            } catch (IOException | RuntimeException e) {
                return failed(table, version, "could not read the existing " + target + ": " + describe(e));
            }
            if (existing.isEmpty()) {
                return failed(table, version, target + " disappeared while it was being written; will retry");
            }
            if (sameLines(existing.get(), lines)) {
                outcome = Outcome.ALREADY_PRESENT;
            } else if (mayRepair && incompleteCopy(existing.get(), content)) {
                try {
                    files.replaceIncomplete(target, content);
                } catch (IOException | RuntimeException e) {
                    return failed(table, version, "could not repair the incomplete " + target + ": " + describe(e));
                }
                LOG.warn(
                        "mirror: version {} of table '{}' was an incomplete file ({} of {} bytes), left by a crash before it"
                                + " reached the disk; rewritten",
                        version,
                        table.name(),
                        existing.get().length,
                        content.length);
                outcome = Outcome.WRITTEN;
            } else {
                String reason = "its _delta_log holds a version " + version + " (" + target + ") that differs from the"
                        + " version " + version + " committed in deltasql: another engine wrote to the table";
                block(table, version, reason, true);
                return new Attempt(Outcome.OUTSIDE_WRITER, reason);
            }
        } catch (IOException | RuntimeException e) {
            if (UnwritableLocations.isUnwritable(e)) {
                return unwritable(table, version, "could not write " + target + ": " + describe(e));
            }
            return failed(table, version, "could not write " + target + ": " + describe(e));
        }
        if (target.isLocal()) {
            // Object stores keep their own write time and cannot take another (docs/STORAGE.md).
            stampCommitTime(table, version, target, timestamp);
        }
        if (version == 0) {
            prepareStagedCommits(table, logDir, lines);
        }
        unwritable.markWritable(table);
        inLog.put(table.tableUuid(), version);
        marks.add(new MirrorStatus.Mark(table.id(), table.name(), version), target);
        if (version > 0 && version % interval == 0) {
            if (mode == CheckpointMode.NOW) {
                checkpoints.checkpointNow(table.name(), logDir.parent(), version);
            } else {
                checkpoints.request(table.name(), logDir.parent(), version);
            }
        }
        LOG.debug("mirror: version {} of table '{}' {}", version, table.name(), outcome);
        return new Attempt(outcome, null);
    }

    /**
     * Gives a catalog-managed table its {@code _delta_log/_staged_commits/} directory with its first
     * version, as Delta's clients create it with the table (they stage commits there and do not
     * create it themselves). Not being able to does not undo the version: clients then fail to
     * stage, and the warning says why.
     */
    private void prepareStagedCommits(TableInfo table, StorePath logDir, List<String> lines) {
        boolean catalogManaged = false;
        for (String line : lines) {
            if (line.startsWith("{\"protocol\"")) {
                try {
                    catalogManaged =
                            ActionCodec.parse(line) instanceof Protocol p && CatalogManagedRules.isCatalogManaged(p);
                } catch (InvalidActionException e) {
                    return; // the catalog stored it, so it parses; nothing to prepare otherwise
                }
            }
        }
        if (!catalogManaged) {
            return;
        }
        StorePath staged = logDir.resolve(CatalogManagedRules.STAGED_COMMITS_DIRECTORY);
        try {
            files.createDirectories(staged);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "mirror: could not create {} for the catalog-managed table '{}': {}; its clients cannot stage commits"
                            + " until it exists",
                    staged,
                    table.name(),
                    describe(e));
        }
    }

    /**
     * Gives a commit file its catalog timestamp as modification time. Delta readers take a commit's
     * time from its file unless the table has in-commit timestamps; with the file's own (later) write
     * time, their time travel by timestamp could pick an earlier version than the catalog's. Not
     * being able to set it does not undo the write: the lines are right, and the mismatch is logged.
     */
    private void stampCommitTime(TableInfo table, long version, StorePath target, long timestamp) {
        try {
            long held = files.setModificationTime(target, timestamp);
            if (held != timestamp) {
                LOG.warn(
                        "mirror: the store keeps {} as the time of version {} of table '{}' ({}), not its commit time {};"
                                + " Delta readers time-travel by the store's time",
                        Instant.ofEpochMilli(held),
                        version,
                        table.name(),
                        target,
                        Instant.ofEpochMilli(timestamp));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "mirror: could not give {} the commit time {} of version {} of table '{}': {}; Delta readers"
                            + " time-travel by the file's own time",
                    target,
                    Instant.ofEpochMilli(timestamp),
                    version,
                    table.name(),
                    describe(e));
        }
    }

    private static int checkpointInterval(String table, Metadata metadata) {
        String value = metadata == null ? null : metadata.configuration().get(CHECKPOINT_INTERVAL_PROPERTY);
        if (value == null) {
            return DEFAULT_CHECKPOINT_INTERVAL;
        }
        try {
            int interval = Integer.parseInt(value.trim());
            if (interval > 0) {
                return interval;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        LOG.warn(
                "mirror: table '{}' has {}='{}', which is not a positive whole number; checkpointing every {} versions",
                table,
                CHECKPOINT_INTERVAL_PROPERTY,
                value,
                DEFAULT_CHECKPOINT_INTERVAL);
        return DEFAULT_CHECKPOINT_INTERVAL;
    }

    private Attempt failed(TableInfo table, long version, String error) {
        inLog.remove(table.tableUuid());
        LOG.warn(
                "mirror: version {} of table '{}' is not in its _delta_log: {}; it stays pending and will be retried",
                version,
                table.name(),
                error);
        recordFailure(table, version, error);
        return new Attempt(Outcome.FAILED, error);
    }

    /**
     * A write that cannot succeed until the location is fixed: recorded on the version with the
     * {@link MirrorStatus#LOCATION_BLOCKED} prefix (so mirror status shows the table as blocked),
     * and logged once per change of state rather than on every retry.
     */
    private Attempt unwritable(TableInfo table, long version, String error) {
        inLog.remove(table.tableUuid());
        unwritable.markUnwritable(table, version, error);
        String recorded = MirrorStatus.LOCATION_BLOCKED + error;
        recordFailure(table, version, recorded);
        return new Attempt(Outcome.FAILED, recorded);
    }

    private void block(TableInfo table, long version, String reason, boolean recordOnVersion) {
        inLog.remove(table.tableUuid());
        LOG.error(
                "mirror: OUTSIDE WRITER on Delta table '{}' at {}: {}. deltasql now refuses commits to the table;"
                        + " re-import it to continue",
                table.name(),
                table.location(),
                reason);
        ledger.block(table, reason);
        if (recordOnVersion) {
            recordFailure(table, version, reason);
        }
    }

    private void recordFailure(TableInfo table, long version, String error) {
        try {
            ledger.markMirrorFailed(table, version, error);
        } catch (RuntimeException e) {
            LOG.warn(
                    "mirror: could not record the failure of version {} of table '{}' in the catalog: {}",
                    version,
                    table.name(),
                    describe(e));
        }
    }

    private ReentrantLock lockOf(String table) {
        return locks.computeIfAbsent(table, t -> new ReentrantLock());
    }

    /** The commit file's bytes: the lines joined by newlines, with a trailing newline. */
    public static byte[] render(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a machine crash can leave of a file that was not yet forced to disk: shorter than or as
     * long as {@code ours}, equal to it up to some point and only zero bytes after it (nothing at all,
     * a truncated prefix, or unwritten blocks read as zeros) — and not {@code ours} itself.
     */
    static boolean incompleteCopy(byte[] existing, byte[] ours) {
        if (existing.length > ours.length) {
            return false;
        }
        int i = 0;
        while (i < existing.length && existing[i] == ours[i]) {
            i++;
        }
        if (i == ours.length) {
            return false;
        }
        for (int j = i; j < existing.length; j++) {
            if (existing[j] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Same lines, ignoring blank lines and line-ending style. */
    static boolean sameLines(byte[] content, List<String> lines) {
        List<String> existing = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.isBlank()) {
                existing.add(l);
            }
        }
        return existing.equals(lines.stream().filter(l -> !l.isBlank()).toList());
    }

    public static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
