package io.deltasql.core.verify;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.internal.verify.CatalogStates;
import io.deltasql.core.internal.verify.KernelStates;
import io.deltasql.core.internal.verify.LogBeyondHead;
import io.deltasql.core.internal.verify.StateComparison;
import io.deltasql.core.internal.verify.TableState;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Compares the catalog's snapshot of a table with the snapshot Delta Kernel reads from the table's
 * {@code _delta_log}: protocol (versions and features), metadata id, schema (as JSON), partition
 * columns, configuration, and the active files (path, size, partition values, deletion vector) —
 * at the latest version, or at every version the catalog holds. Files of versions after the
 * catalog's head and a {@code _last_checkpoint} pointing outside the catalog's versions are
 * differences too: readers of the log would follow them.
 *
 * <pre>{@code
 * VerifyReport r = new TableVerifier(catalog).verify("events", false);
 * if (!r.identical()) System.err.print(r.render());
 * }</pre>
 *
 * The log is read from the table's store (local disk, S3 or Azure) with the catalog's storage
 * settings; a location no store serves is refused with
 * {@link io.deltasql.core.mirror.UnsupportedLocationException}.
 */
public final class TableVerifier {
    /** Differences listed in a report; the rest are only counted. */
    public static final int MAX_DIFFERENCES = 1000;

    private final DeltaCatalog catalog;
    private final Storage storage;

    /** A verifier reading each table's log from its store, with the catalog's storage settings. */
    public TableVerifier(DeltaCatalog catalog) {
        this.catalog = catalog;
        this.storage = Storage.of(catalog.config());
    }

    /**
     * Compares {@code table} in the catalog with its {@code _delta_log} at the catalog's latest
     * version, or, with {@code allVersions}, at every version from the catalog's first to its head.
     */
    public VerifyReport verify(String table, boolean allVersions) {
        TableInfo info = catalog.table(table);
        StorePath dir = TableLocations.directory(info.name(), info.location());
        StorePath logDir = dir.resolve("_delta_log");
        long head = info.headVersion();
        long catalogFirst = firstVersion(table, head);
        long first = allVersions ? catalogFirst : head;
        Collector c = new Collector();
        List<String> notes = new ArrayList<>();

        MirrorStatus status = catalog.mirrorStatus(table);
        if (status.blocked()) {
            notes.add("commits are blocked: " + status.blockedReason());
        }
        if (!status.pending().isEmpty()) {
            notes.add("versions not yet mirrored to the _delta_log: " + versions(status.pending()));
        }

        boolean missing;
        try {
            missing = logDir.isLocal()
                    ? !Files.isDirectory(logDir.toLocal())
                    : storage.list(logDir).isEmpty();
        } catch (IOException e) {
            c.accept(new Difference(head, "_delta_log", "listable", "unreadable: " + oneLine(e)));
            return c.report(info, first, head, allVersions, notes);
        }
        if (missing) {
            c.accept(new Difference(
                    head,
                    "_delta_log",
                    "versions " + first + " to " + head,
                    "missing: " + logDir + (logDir.isLocal() ? " is not a directory" : " holds no files")));
            return c.report(info, first, head, allVersions, notes);
        }
        try {
            LogBeyondHead.check(storage, logDir, catalogFirst, head, c);
        } catch (IOException e) {
            c.accept(new Difference(head, "_delta_log", "listable", "unreadable: " + oneLine(e)));
        }
        for (long v = first; v <= head; v++) {
            TableState fromCatalog = CatalogStates.of(catalog.snapshotAt(table, v));
            TableState fromLog;
            try {
                fromLog = KernelStates.read(storage.engine(), dir.value(), v);
            } catch (RuntimeException e) {
                c.accept(new Difference(v, "version", "present", "unreadable by Delta Kernel: " + oneLine(e)));
                continue;
            }
            StateComparison.compare(fromCatalog, fromLog, c);
        }
        return c.report(info, first, head, allVersions, notes);
    }

    /** The catalog's first version (0, or where an imported table's retained history begins). */
    private long firstVersion(String table, long head) {
        List<HistoryEntry> history = catalog.history(table);
        return history.isEmpty() ? head : history.get(history.size() - 1).version();
    }

    private static String versions(List<MirrorStatus.PendingVersion> pending) {
        long from = pending.get(0).version();
        long to = pending.get(pending.size() - 1).version();
        String error = pending.get(0).lastError();
        return (from == to ? String.valueOf(from) : from + " to " + to)
                + (error == null ? "" : " (last error: " + error + ")");
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final class Collector implements Consumer<Difference> {
        private final List<Difference> listed = new ArrayList<>();
        private long omitted;

        @Override
        public void accept(Difference d) {
            if (listed.size() < MAX_DIFFERENCES) {
                listed.add(d);
            } else {
                omitted++;
            }
        }

        VerifyReport report(TableInfo info, long first, long head, boolean all, List<String> notes) {
            return new VerifyReport(info.name(), info.location(), first, head, all, listed, omitted, notes);
        }
    }
}
