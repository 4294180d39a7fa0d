package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.DaemonThreads;
import io.deltasql.core.internal.files.CompactFileList;
import io.deltasql.core.internal.files.FileSegment;
import io.deltasql.core.protocol.AddFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * File-list checkpoints in {@code ds_file_checkpoints}: a table's active files at one version in
 * {@link FileListCodec}'s binary form, so a cold load reads a few large values and decodes them
 * instead of building every file from its row. Like a Delta checkpoint it is derived data: the
 * file rows stay the truth, a loader replays the commits after the checkpoint from them, and a
 * missing or damaged checkpoint only means a slower load.
 *
 * <p>Each checkpoint has its own list id, so two writers of the same version never collide. Its
 * parts are written in order except part 0, which is written last: a checkpoint is visible (found by its part 0)
 * only once complete. Each part's range of partition hashes ({@code ds_file_checkpoint_ranges})
 * is written before part 0 too, so a partition read can pick the parts that hold its partitions.
 */
public final class FileCheckpoints {
    /** A complete stored checkpoint. */
    record Stored(long tableId, long version, String listId, int parts, long files) {}

    /** One part's range of partition hashes (null for an empty part) and file count. */
    record PartRange(int part, String firstHash, String lastHash, long files) {
        /** Whether the part may hold files of a partition with one of {@code hashes}. */
        boolean mayHold(Set<String> hashes) {
            if (firstHash == null) {
                return false;
            }
            for (String h : hashes) {
                if (h.compareTo(firstHash) >= 0 && h.compareTo(lastHash) <= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final ExecutorService DECODERS = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            DaemonThreads.named("deltasql-file-checkpoint-decode"));

    private FileCheckpoints() {}

    /** The newest complete checkpoint of the table at or before {@code version}, else the oldest after it, or null. */
    static Stored nearest(Connection c, long tableId, long version) throws SQLException {
        Stored before = first(c, FileCheckpointSql.NEWEST_AT_OR_BEFORE, tableId, version);
        return before != null ? before : first(c, FileCheckpointSql.OLDEST_AFTER, tableId, version);
    }

    /** The newest complete checkpoint of the table at or before {@code version}, or null. */
    static Stored newestAtOrBefore(Connection c, long tableId, long version) throws SQLException {
        return first(c, FileCheckpointSql.NEWEST_AT_OR_BEFORE, tableId, version);
    }

    private static Stored first(Connection c, String sql, long tableId, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(1);
            bind(ps, tableId, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? new Stored(tableId, rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4))
                        : null;
            }
        }
    }

    /**
     * The checkpoint's files in stored order, as the compact list the cache keeps, or null when a
     * part is missing (deleted by a newer checkpoint meanwhile) or damaged, or the parts do not
     * add up to its file count. All parts come in one query and are checked in parallel as they
     * arrive.
     */
    static List<AddFile> read(Connection c, Dialect dialect, Stored s) throws SQLException {
        List<CompletableFuture<FileSegment>> parts = new ArrayList<>(s.parts());
        try (PreparedStatement ps = c.prepareStatement(FileCheckpointSql.ALL_PARTS)) {
            dialect.preferBinaryResults(ps);
            bind(ps, s.tableId(), s.version(), s.listId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) != parts.size()) {
                        return null;
                    }
                    byte[] data = rs.getBytes(2);
                    parts.add(CompletableFuture.supplyAsync(() -> FileListCodec.decodeSegment(data), DECODERS));
                }
            }
        }
        if (parts.size() != s.parts()) {
            return null;
        }
        List<FileSegment> segments = new ArrayList<>(parts.size());
        try {
            for (CompletableFuture<FileSegment> part : parts) {
                segments.add(part.join());
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof FileListCodec.CorruptFileListException) {
                return null;
            }
            throw e;
        }
        CompactFileList files = CompactFileList.ofSegments(segments);
        return files.size() == s.files() ? files : null;
    }

    /**
     * Stores {@code files} as the table's checkpoint at {@code version} and then deletes the ones it
     * supersedes. Parts are encoded and inserted one at a time (only part 0 waits in memory, to be
     * inserted last), each in its own statement (autocommit), so no transaction holds the
     * database's write lock for the whole list. Returns false, leaving nothing behind, when the
     * table no longer exists.
     */
    static boolean write(Connection c, long tableId, long version, List<AddFile> files) throws SQLException {
        String listId = UUID.randomUUID().toString().replace("-", "");
        Stored stored = new Stored(tableId, version, listId, 0, files.size());
        try {
            byte[][] first = new byte[1][];
            List<PartRange> ranges = new ArrayList<>();
            int parts;
            try (PreparedStatement ps = c.prepareStatement(FileCheckpointSql.INSERT_PART)) {
                parts = FileListCodec.encode(files, (index, part) -> {
                    ranges.add(new PartRange(index, part.firstHash(), part.lastHash(), part.files()));
                    if (index == 0) {
                        first[0] = part.data();
                    } else {
                        bind(
                                ps,
                                tableId,
                                version,
                                listId,
                                index,
                                -1,
                                -1,
                                part.data()); // counts are read from part 0 only
                        ps.executeUpdate();
                    }
                });
            }
            insertRanges(c, tableId, version, listId, ranges);
            int inserted;
            try (PreparedStatement ps = c.prepareStatement(FileCheckpointSql.INSERT_FIRST_PART)) {
                bind(ps, tableId, version, listId, parts, (long) files.size(), first[0], tableId);
                inserted = ps.executeUpdate();
            }
            if (inserted == 0) {
                delete(c, stored);
                return false;
            }
        } catch (SQLException | RuntimeException e) {
            try {
                delete(c, stored);
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        for (String sql : FileCheckpointSql.DELETE_SUPERSEDED) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, tableId, version, listId);
                ps.executeUpdate();
            }
        }
        return true;
    }

    /** The partition-hash range of every part, one batch: written before part 0, so a visible checkpoint has them all. */
    private static void insertRanges(Connection c, long tableId, long version, String listId, List<PartRange> ranges)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FileCheckpointSql.INSERT_RANGE)) {
            for (PartRange r : ranges) {
                bind(
                        ps,
                        tableId,
                        version,
                        listId,
                        r.part(),
                        SqlRunner.textOrNull(r.firstHash()),
                        SqlRunner.textOrNull(r.lastHash()),
                        r.files());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The part ranges of a checkpoint, or null when it has none that account for every part and
     * file (written by a deltasql before schema version 4, or being deleted).
     */
    static List<PartRange> ranges(Connection c, Stored s) throws SQLException {
        List<PartRange> ranges = new ArrayList<>(s.parts());
        long files = 0;
        try (PreparedStatement ps = c.prepareStatement(FileCheckpointSql.RANGES)) {
            bind(ps, s.tableId(), s.version(), s.listId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PartRange r = new PartRange(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                    if (r.part() != ranges.size() || (r.firstHash() == null) != (r.lastHash() == null)) {
                        return null;
                    }
                    ranges.add(r);
                    files += r.files();
                }
            }
        }
        return ranges.size() == s.parts() && files == s.files() ? ranges : null;
    }

    /**
     * The files of the given parts whose partition hash is in {@code hashes}, or null when a part
     * is missing or damaged or does not hold the files its range row counts.
     */
    static List<AddFile> readSelected(
            Connection c, Dialect dialect, Stored s, List<PartRange> parts, Set<String> hashes) throws SQLException {
        List<AddFile> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(FileCheckpointSql.PART)) {
            dialect.preferBinaryResults(ps);
            for (PartRange part : parts) {
                bind(ps, s.tableId(), s.version(), s.listId(), part.part());
                byte[] data;
                try (ResultSet rs = ps.executeQuery()) {
                    data = rs.next() ? rs.getBytes(1) : null;
                }
                if (data == null) {
                    return null;
                }
                FileListCodec.Decoded decoded;
                try {
                    decoded = FileListCodec.decodePart(data, hashes);
                } catch (FileListCodec.CorruptFileListException e) {
                    return null;
                }
                if (decoded.stored() != part.files()) {
                    return null;
                }
                files.addAll(decoded.files());
            }
        }
        return files;
    }

    /** Deletes one checkpoint (a damaged one, or the parts of one whose writing failed). */
    static void delete(Connection c, Stored s) throws SQLException {
        for (String sql : FileCheckpointSql.DELETE_LIST) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, s.tableId(), s.version(), s.listId());
                ps.executeUpdate();
            }
        }
    }
}
