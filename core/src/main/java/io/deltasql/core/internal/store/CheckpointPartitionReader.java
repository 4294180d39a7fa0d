package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.FileKey;
import io.deltasql.core.protocol.AddFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Some partitions' active files at a version from the newest file-list checkpoint at or before
 * it: only the parts whose partition-hash range holds a wanted partition are read, and the file
 * rows of the commits after the checkpoint are replayed for those partitions only. A scattered
 * partition costs one row fetch per file when read from {@code ds_files}; from the checkpoint it
 * is one value read and decoded.
 */
final class CheckpointPartitionReader {
    /** Replaying this many changed rows never sends a read back to the file rows. */
    static final long MIN_REPLAY = 100;

    /**
     * What the checkpoint gave: the wanted partitions' files (not yet checked against the rest of
     * the filter), or null when the rows must be read instead; whether a new checkpoint at this
     * version would serve later reads better (none usable, or many changes since it); and the
     * checkpoint found damaged, if any.
     */
    record Answer(List<AddFile> files, boolean rewrite, FileCheckpoints.Stored damaged) {
        static Answer rows(boolean rewrite) {
            return new Answer(null, rewrite, null);
        }
    }

    private final Connection c;
    private final Dialect dialect;

    CheckpointPartitionReader(Connection c, Dialect dialect) {
        this.c = c;
        this.dialect = dialect;
    }

    /**
     * The files at {@code version} of the table (which has {@code numFiles} files) whose partition
     * hash is in {@code hashes}. The checkpoint is not used when the commits after it changed more
     * rows than the parts to read hold files (and than {@link #MIN_REPLAY}), or when the parts to
     * read hold more than {@code maxFiles} files (a list that large is streamed from the rows).
     */
    Answer read(long tableId, long version, long numFiles, Set<String> hashes, long maxFiles) throws SQLException {
        FileCheckpoints.Stored stored = FileCheckpoints.newestAtOrBefore(c, tableId, version);
        if (stored == null) {
            return Answer.rows(true);
        }
        List<FileCheckpoints.PartRange> ranges = FileCheckpoints.ranges(c, stored);
        if (ranges == null) {
            return Answer.rows(true); // written before partition ranges were kept
        }
        long changes = stored.version() == version ? 0 : changesBetween(tableId, stored.version(), version);
        boolean rewrite = changes > Math.max(SnapshotReader.REWRITE_MIN_CHANGES, numFiles / 10);
        List<FileCheckpoints.PartRange> selected = new ArrayList<>();
        long selectedFiles = 0;
        for (FileCheckpoints.PartRange r : ranges) {
            if (r.mayHold(hashes)) {
                selected.add(r);
                selectedFiles += r.files();
            }
        }
        if (changes > Math.max(MIN_REPLAY, selectedFiles) || selectedFiles > maxFiles) {
            return Answer.rows(rewrite);
        }
        List<AddFile> base = FileCheckpoints.readSelected(c, dialect, stored, selected, hashes);
        if (base == null) {
            return new Answer(null, true, stored);
        }
        if (changes == 0) {
            return new Answer(base, rewrite, null);
        }
        return new Answer(replay(tableId, base, stored.version(), version, hashes), rewrite, null);
    }

    private long changesBetween(long tableId, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CommitSql.FILE_CHANGES_BETWEEN)) {
            bind(ps, tableId, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
            }
        }
    }

    /**
     * {@code base}, the wanted partitions' files at {@code baseVersion}, advanced to {@code version}:
     * drop what those partitions lost since, add what they gained (an add replaces an older add of
     * the same key).
     */
    private List<AddFile> replay(long tableId, List<AddFile> base, long baseVersion, long version, Set<String> hashes)
            throws SQLException {
        List<Object> in = new ArrayList<>(hashes);
        List<Object> removedArgs = new ArrayList<>(List.of(tableId, baseVersion, version, baseVersion));
        removedArgs.addAll(in);
        Set<FileKey> dropped =
                SnapshotReader.keys(c, FileSql.keysRemovedInPartitions(dialect, in.size()), removedArgs.toArray());
        List<Object> addedArgs = new ArrayList<>(List.of(tableId, baseVersion, version, version));
        addedArgs.addAll(in);
        List<AddFile> added =
                SnapshotReader.files(c, FileSql.filesAddedInPartitions(dialect, in.size()), addedArgs.toArray());
        added.forEach(f -> dropped.add(FileKey.of(f)));
        return SnapshotReader.without(base, dropped, added);
    }
}
