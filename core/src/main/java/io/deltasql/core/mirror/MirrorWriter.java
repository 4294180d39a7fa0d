package io.deltasql.core.mirror;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
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
 *
 * <p>A commit file is only ever created, never replaced. Finding it already there with the same
 * lines (another deltasql server, or an earlier attempt that crashed before recording it) counts
 * as mirrored; finding different lines means another engine writes to the table: the table is
 * blocked ({@link DeltaCatalog#blockCommits}) and the conflict is logged as an error. Any other
 * failure (disk full, permissions, an unsupported location) is recorded with
 * {@link DeltaCatalog#markMirrorFailed} and the version stays pending for the
 * {@link MirrorReconciler}. The commit itself is never affected.
 *
 * <p>Thread-safe; work on one table is serialised. Share one writer between the
 * {@link DeltaLogMirror} and the {@link MirrorReconciler} of a process.
 */
public final class MirrorWriter {
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

    private record Attempt(Outcome outcome, String error) {
    }

    private final DeltaCatalog catalog;
    private final LogFiles files;
    private final Checkpointer checkpointer;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public MirrorWriter(DeltaCatalog catalog) {
        this(catalog, LogFiles.local(), Checkpointer.kernel());
    }

    /** A writer with its own file operations and checkpointer (tests inject failures through these). */
    public MirrorWriter(DeltaCatalog catalog, LogFiles files, Checkpointer checkpointer) {
        this.catalog = catalog;
        this.files = files;
        this.checkpointer = checkpointer;
    }

    public DeltaCatalog catalog() {
        return catalog;
    }

    /**
     * Writes one version of {@code table} to its {@code _delta_log}. Refuses with
     * {@link Outcome#OUT_OF_ORDER} while an earlier version is still pending.
     */
    public Outcome write(String table, long version) {
        ReentrantLock lock = lockOf(table);
        lock.lock();
        try {
            MirrorStatus status = catalog.mirrorStatus(table);
            if (status.blocked()) {
                return Outcome.BLOCKED;
            }
            if (status.pending().stream().anyMatch(p -> p.version() < version)) {
                return Outcome.OUT_OF_ORDER;
            }
            return writeVersion(catalog.table(table), version).outcome();
        } finally {
            lock.unlock();
        }
    }

    /** Writes every pending version of {@code table}, in order, stopping at the first that cannot be written. */
    public CatchUp catchUp(String table) {
        ReentrantLock lock = lockOf(table);
        lock.lock();
        try {
            MirrorStatus status = catalog.mirrorStatus(table);
            List<MirrorStatus.PendingVersion> pending = status.pending();
            if (pending.isEmpty()) {
                return new CatchUp(table, 0, -1, null, null);
            }
            if (status.blocked()) {
                return new CatchUp(table, 0, pending.get(0).version(), Outcome.BLOCKED, status.blockedReason());
            }
            TableInfo info = catalog.table(table);
            int mirrored = 0;
            for (MirrorStatus.PendingVersion p : pending) {
                Attempt a = writeVersion(info, p.version());
                if (!a.outcome().mirrored()) {
                    return new CatchUp(table, mirrored, p.version(), a.outcome(), a.error());
                }
                mirrored++;
            }
            return new CatchUp(table, mirrored, -1, null, null);
        } finally {
            lock.unlock();
        }
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
            if (catalog.mirrorStatus(table).blocked()) {
                return false;
            }
            Path logDir;
            try {
                logDir = TableLocations.logDirectory(before.name(), before.location());
            } catch (UnsupportedLocationException e) {
                return false;
            }
            long next = before.headVersion() + 1;
            Path file = TableLocations.commitFile(logDir, next);
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
            LOG.warn("mirror: could not look for outside writers in the _delta_log of table '{}': {}", table, describe(e));
            return false;
        } finally {
            lock.unlock();
        }
    }

    private Attempt writeVersion(TableInfo table, long version) {
        Path logDir;
        try {
            logDir = TableLocations.logDirectory(table.name(), table.location());
        } catch (UnsupportedLocationException e) {
            return failed(table, version, e.getMessage());
        }
        Path target = TableLocations.commitFile(logDir, version);
        List<String> lines = catalog.actionLines(table.name(), version);
        Outcome outcome;
        try {
            files.createExclusive(target, render(lines));
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
            if (!sameLines(existing.get(), lines)) {
                String reason = "its _delta_log holds a version " + version + " (" + target + ") that differs from the"
                        + " version " + version + " committed in deltasql: another engine wrote to the table";
                block(table, version, reason, true);
                return new Attempt(Outcome.OUTSIDE_WRITER, reason);
            }
            outcome = Outcome.ALREADY_PRESENT;
        } catch (IOException | RuntimeException e) {
            return failed(table, version, "could not write " + target + ": " + describe(e));
        }
        checkpointIfDue(table, logDir, version);
        try {
            catalog.markMirrored(table.name(), version);
        } catch (RuntimeException e) {
            // The file is in place; the next attempt finds it identical and records it.
            LOG.warn("mirror: wrote version {} of table '{}' but could not record it in the catalog: {}",
                    version, table.name(), describe(e));
            return new Attempt(Outcome.FAILED, "written, but not recorded: " + describe(e));
        }
        LOG.debug("mirror: version {} of table '{}' {}", version, table.name(), outcome);
        return new Attempt(outcome, null);
    }

    private void checkpointIfDue(TableInfo table, Path logDir, long version) {
        if (version <= 0) {
            return;
        }
        int interval = checkpointInterval(table, version);
        if (version % interval != 0) {
            return;
        }
        Path checkpoint = TableLocations.checkpointFile(logDir, version);
        try {
            if (files.exists(checkpoint)) {
                return;
            }
            checkpointer.checkpoint(logDir.getParent(), version);
            LOG.info("mirror: wrote the checkpoint of table '{}' at version {}", table.name(), version);
        } catch (Exception | LinkageError e) {
            if (checkpointExists(checkpoint)) {
                // Another deltasql server checkpointed the same version at the same moment.
                LOG.info("mirror: the checkpoint of table '{}' at version {} was written by another writer meanwhile ({})",
                        table.name(), version, describe(e));
                return;
            }
            // The JSON commit is what matters: readers replay from the previous checkpoint.
            LOG.warn("mirror: could not write the checkpoint of table '{}' at version {} ({}): {}; the commit file is in"
                    + " place and readers replay the log from the previous checkpoint", table.name(), version, checkpoint,
                    describe(e));
        }
    }

    private boolean checkpointExists(Path checkpoint) {
        try {
            return files.exists(checkpoint);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private int checkpointInterval(TableInfo table, long version) {
        String value = catalog.snapshotAt(table.name(), version).metadata().configuration().get(CHECKPOINT_INTERVAL_PROPERTY);
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
        LOG.warn("mirror: table '{}' has {}='{}', which is not a positive whole number; checkpointing every {} versions",
                table.name(), CHECKPOINT_INTERVAL_PROPERTY, value, DEFAULT_CHECKPOINT_INTERVAL);
        return DEFAULT_CHECKPOINT_INTERVAL;
    }

    private Attempt failed(TableInfo table, long version, String error) {
        LOG.warn("mirror: version {} of table '{}' is not in its _delta_log: {}; it stays pending and will be retried",
                version, table.name(), error);
        recordFailure(table.name(), version, error);
        return new Attempt(Outcome.FAILED, error);
    }

    private void block(TableInfo table, long version, String reason, boolean recordOnVersion) {
        LOG.error("mirror: OUTSIDE WRITER on Delta table '{}' at {}: {}. deltasql now refuses commits to the table;"
                + " re-import it to continue", table.name(), table.location(), reason);
        catalog.blockCommits(table.name(), reason);
        if (recordOnVersion) {
            recordFailure(table.name(), version, reason);
        }
    }

    private void recordFailure(String table, long version, String error) {
        try {
            catalog.markMirrorFailed(table, version, error);
        } catch (RuntimeException e) {
            LOG.warn("mirror: could not record the failure of version {} of table '{}' in the catalog: {}",
                    version, table, describe(e));
        }
    }

    private ReentrantLock lockOf(String table) {
        return locks.computeIfAbsent(table, t -> new ReentrantLock());
    }

    /** The commit file's bytes: the lines joined by newlines, with a trailing newline. */
    static byte[] render(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
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

    static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
