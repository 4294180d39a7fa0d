package io.deltasql.tests.readers;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's own account of a table in the shape a reader reports it: per version the commit
 * timestamp ({@code $history.timestamp}'s source), protocol and active files with their deletion
 * vector and row ids, and per timestamp the version {@code files_as_of} would read.
 */
final class CatalogStates {
    private CatalogStates() {}

    static ReaderReport of(DeltaCatalog catalog, String table, List<Long> timestamps) {
        Map<Long, Long> commitTimes = catalog.history(table).stream()
                .collect(Collectors.toMap(HistoryEntry::version, HistoryEntry::timestamp));
        long head = catalog.snapshot(table).version();
        List<ReaderReport.VersionState> versions = new ArrayList<>();
        for (long v = 0; v <= head; v++) {
            Snapshot s = catalog.snapshotAt(table, v);
            versions.add(new ReaderReport.VersionState(v, null, commitTimes.get(v), protocol(s.protocol()), files(s)));
        }
        List<ReaderReport.TimeTravelAnswer> answers = new ArrayList<>();
        for (long t : timestamps) {
            answers.add(answer(
                    t,
                    at -> catalog.snapshotAsOf(table, Instant.ofEpochMilli(at)).version()));
        }
        return new ReaderReport(
                "deltasql catalog", catalog.table(table).location(), null, List.copyOf(versions), List.copyOf(answers));
    }

    private static ReaderReport.TimeTravelAnswer answer(long timestamp, Function<Long, Long> versionAsOf) {
        try {
            return new ReaderReport.TimeTravelAnswer(timestamp, versionAsOf.apply(timestamp), null);
        } catch (RuntimeException e) {
            return new ReaderReport.TimeTravelAnswer(
                    timestamp, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static ReaderReport.ProtocolState protocol(Protocol p) {
        return new ReaderReport.ProtocolState(
                p.minReaderVersion(),
                p.minWriterVersion(),
                p.readerFeatures() == null ? Set.of() : new TreeSet<>(p.readerFeatures()),
                p.writerFeatures() == null ? Set.of() : new TreeSet<>(p.writerFeatures()));
    }

    private static Set<ReaderReport.FileState> files(Snapshot s) {
        Set<ReaderReport.FileState> files = new HashSet<>();
        for (AddFile a : s.files()) {
            files.add(new ReaderReport.FileState(
                    a.path(),
                    a.size(),
                    a.partitionValues(),
                    a.dvUniqueId(),
                    a.baseRowId(),
                    a.defaultRowCommitVersion()));
        }
        return files;
    }
}
