package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.CatalogException;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.FileFilter;
import io.deltasql.core.FileKey;
import io.deltasql.core.LogEntry;
import io.deltasql.core.SqlStates;
import io.deltasql.core.TableInfo;
import io.deltasql.core.VersionNotFoundException;
import io.deltasql.core.internal.commit.ProtocolUpgrade;
import io.deltasql.core.internal.commit.TableFeature;
import io.deltasql.core.internal.files.CompactFileList;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads snapshots from the catalog: a header (protocol, metadata, transactions, domains, counts)
 * and the active files, either whole or by advancing an older one with only the newer commits.
 * The files at version v are the lifetimes with {@code added_version <= v} that were not removed
 * by v: those still active (one index range) plus those removed after v.
 */
public final class SnapshotReader {
    /** A checkpoint followed by more changed file rows than this (and a tenth of its files) is rewritten. */
    static final long REWRITE_MIN_CHANGES = 1_000;

    private final CatalogDatabase db;
    private final FileCheckpointWriter checkpoints;

    public SnapshotReader(CatalogDatabase db) {
        this.db = db;
        this.checkpoints = new FileCheckpointWriter(db);
    }

    /** Stops the background checkpoint writer (queued work is dropped; it is only an optimisation). */
    public void close() {
        checkpoints.close();
    }

    /** The header at {@code version}, read in full with one statement. */
    public SnapshotHeader loadHeader(Connection c, TableInfo table, long version) throws SQLException {
        long id = table.id();
        long[] commit = null;
        String protocolJson = null;
        String metadataJson = null;
        long protocolSeq = -1;
        long metadataSeq = -1;
        Map<String, Long> txns = new HashMap<>();
        Map<String, DomainMetadata> domains = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LogSql.HEADER_AT)) {
            bind(ps, id, version, id, id, version, id, id, version, id, version, id, id, version, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getInt(1)) {
                        case 0 -> commit = new long[] {rs.getLong(4), rs.getLong(5), rs.getLong(6)};
                        case 1 -> {
                            if (rs.getLong(4) > protocolSeq) {
                                protocolSeq = rs.getLong(4);
                                protocolJson = rs.getString(2);
                            }
                        }
                        case 2 -> {
                            if (rs.getLong(4) > metadataSeq) {
                                metadataSeq = rs.getLong(4);
                                metadataJson = rs.getString(2);
                            }
                        }
                        case 3 -> txns.put(rs.getString(2), rs.getLong(4));
                        case 4 -> {
                            if (rs.getLong(4) == 0) {
                                domains.put(
                                        rs.getString(2),
                                        new DomainMetadata(rs.getString(2), rs.getString(3), false, Map.of()));
                            }
                        }
                        default -> throw new IllegalStateException("unexpected header row " + rs.getInt(1));
                    }
                }
            }
        }
        if (commit == null) {
            throw new VersionNotFoundException("Delta table '" + table.name() + "' has no version " + version
                    + " (latest is " + table.headVersion() + ")");
        }
        Protocol protocol = protocolJson == null ? null : (Protocol) ActionCodec.parse(protocolJson);
        Metadata metadata = metadataJson == null ? null : (Metadata) ActionCodec.parse(metadataJson);
        if (protocol == null || metadata == null) {
            throw new CatalogException(
                    "Delta table '" + table.name() + "' has no " + (protocol == null ? "protocol" : "metaData")
                            + " at version " + version + " in the catalog",
                    SqlStates.INTERNAL_ERROR,
                    false,
                    null);
        }
        return new SnapshotHeader(table, version, commit[0], protocol, metadata, commit[1], commit[2], txns, domains);
    }

    /** The header at {@code version} from a cached older one, reading only what the commits in between changed. */
    public SnapshotHeader advanceHeader(Connection c, SnapshotHeader base, long version) throws SQLException {
        TableInfo table = base.table();
        boolean metadataChanged = false;
        boolean protocolChanged = false;
        boolean txnChanged = false;
        boolean domainChanged = false;
        try (PreparedStatement ps = c.prepareStatement(CommitSql.COMMITS_BETWEEN)) {
            bind(ps, table.id(), base.version(), version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    metadataChanged |= rs.getInt(2) != 0;
                    protocolChanged |= rs.getInt(3) != 0;
                    txnChanged |= rs.getInt(4) != 0;
                    domainChanged |= rs.getInt(5) != 0;
                }
            }
        }
        long[] commit = commitRow(c, table, version);
        Protocol protocol =
                protocolChanged ? (Protocol) latestAction(c, table.id(), "protocol", version) : base.protocol();
        Metadata metadata =
                metadataChanged ? (Metadata) latestAction(c, table.id(), "metaData", version) : base.metadata();
        Map<String, Long> txns = base.appTransactions();
        if (txnChanged) {
            txns = new HashMap<>(txns);
            try (PreparedStatement ps = c.prepareStatement(LogSql.APP_TXNS_BETWEEN)) {
                bind(ps, table.id(), base.version(), version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        txns.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        Map<String, DomainMetadata> domains = base.domainMetadata();
        if (domainChanged) {
            domains = new HashMap<>(domains);
            try (PreparedStatement ps = c.prepareStatement(LogSql.DOMAINS_BETWEEN)) {
                bind(ps, table.id(), base.version(), version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(3) != 0) {
                            domains.remove(rs.getString(1));
                        } else {
                            domains.put(
                                    rs.getString(1),
                                    new DomainMetadata(rs.getString(1), rs.getString(2), false, Map.of()));
                        }
                    }
                }
            }
        }
        return new SnapshotHeader(table, version, commit[0], protocol, metadata, commit[1], commit[2], txns, domains);
    }

    /** {timestamp, numFiles, sizeBytes} of the commit at {@code version}; the version must exist. */
    private static long[] commitRow(Connection c, TableInfo table, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CommitSql.COMMIT_AT)) {
            bind(ps, table.id(), version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VersionNotFoundException("Delta table '" + table.name() + "' has no version " + version
                            + " (latest is " + table.headVersion() + ")");
                }
                return new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    private static Action latestAction(Connection c, long tableId, String type, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LogSql.LATEST_ACTION_OF_TYPE)) {
            ps.setMaxRows(1);
            bind(ps, tableId, type, tableId, type, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ActionCodec.parse(rs.getString(1)) : null;
            }
        }
    }

    /**
     * All active files of {@code header}'s snapshot. A table of at least
     * {@link io.deltasql.core.CatalogConfig#fileCheckpointMinFiles()} files loads from a file-list
     * checkpoint: the newest at or before the version plus the commits after it, or else a later
     * one minus the commits after the version, when few files changed in between. The result must
     * count the snapshot's files, or the checkpoint is discarded and the rows are read. A load at
     * the head that had no checkpoint, or replayed many changes after one, queues a new one.
     */
    public List<AddFile> loadFiles(Connection c, SnapshotHeader header) throws SQLException {
        long tableId = header.table().id();
        long version = header.version();
        long expected = header.numFiles();
        long minFiles = db.config().fileCheckpointMinFiles();
        if (minFiles <= 0 || expected < minFiles) {
            return loadRows(c, tableId, version, expected);
        }
        boolean atHead = version == header.table().headVersion();
        FileCheckpoints.Stored stored = FileCheckpoints.nearest(c, tableId, version);
        if (stored != null && stored.version() > version && !worthRewinding(c, stored, version, expected)) {
            stored = null;
        }
        if (stored != null) {
            List<AddFile> base = FileCheckpoints.read(c, db.dialect(), stored);
            if (base != null) {
                Advanced moved = stored.version() <= version
                        ? advance(c, tableId, base, stored.version(), version)
                        : rewind(c, tableId, base, stored.version(), version);
                if (moved.files().size() == expected) {
                    if (atHead && moved.changes() > Math.max(REWRITE_MIN_CHANGES, expected / 10)) {
                        checkpoints.write(tableId, version, moved.files());
                    }
                    return moved.files();
                }
            }
            checkpoints.reportDamaged(stored);
            if (!atHead) {
                checkpoints.discard(stored); // at the head, the new checkpoint written below supersedes it
            }
        }
        List<AddFile> files = loadRows(c, tableId, version, expected);
        if (atHead) {
            checkpoints.write(tableId, version, files);
        }
        return files;
    }

    /**
     * Whether going back from a later checkpoint beats reading the rows: the checkpoint is at most
     * twice the snapshot's size and the commits in between changed at most half as many files.
     */
    private static boolean worthRewinding(Connection c, FileCheckpoints.Stored later, long version, long expected)
            throws SQLException {
        if (later.files() > 2 * expected) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(CommitSql.FILE_CHANGES_BETWEEN)) {
            bind(ps, later.tableId(), version, later.version());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) <= expected / 2;
            }
        }
    }

    /** All active files at {@code version} from their rows, of which there are about {@code expectedFiles}. */
    private List<AddFile> loadRows(Connection c, long tableId, long version, long expectedFiles) throws SQLException {
        int parts = ParallelFileLoad.parts(expectedFiles, db.poolStats());
        return ParallelFileLoad.load(
                db, c, parts, (conn, fromKey, toKey) -> loadRange(conn, tableId, version, fromKey, toKey));
    }

    /** The active files at {@code version} whose file key is in [fromKey, toKey) (null bounds are open). */
    private List<AddFile> loadRange(Connection c, long tableId, long version, String fromKey, String toKey)
            throws SQLException {
        StringBuilder where = new StringBuilder();
        List<Object> range = new ArrayList<>();
        if (fromKey != null) {
            where.append(FileSql.KEY_AT_LEAST);
            range.add(fromKey);
        }
        if (toKey != null) {
            where.append(FileSql.KEY_BELOW);
            range.add(toKey);
        }
        List<AddFile> files = new ArrayList<>();
        FileRows rows = new FileRows();
        try (PreparedStatement ps =
                c.prepareStatement(FileSql.filesAt(db.dialect(), FileSql.ACTIVE_INDEX, where.toString()))) {
            ps.setFetchSize(db.config().fetchSize());
            bind(ps, filesAtArgs(tableId, version, range).toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(rows.map(rs));
                }
            }
        }
        return files;
    }

    /**
     * What the commits after {@code baseVersion} up to {@code version} did to the active files:
     * the keys to drop (removed files, and older adds that an add replaces) and the files to add.
     */
    public record FileChanges(Set<FileKey> dropped, List<AddFile> added) {}

    public FileChanges changesBetween(Connection c, long tableId, long baseVersion, long version) throws SQLException {
        Set<FileKey> dropped = keys(c, FileSql.KEYS_REMOVED_BETWEEN, tableId, baseVersion, version, baseVersion);
        List<AddFile> added = files(c, FileSql.FILES_ADDED_BETWEEN, tableId, baseVersion, version, version);
        added.forEach(f -> dropped.add(FileKey.of(f))); // an add replaces an older add of the same key
        return new FileChanges(dropped, added);
    }

    /** A file list advanced by some commits, and how many file rows those commits changed. */
    private record Advanced(List<AddFile> files, long changes) {}

    private Advanced advance(Connection c, long tableId, List<AddFile> base, long baseVersion, long version)
            throws SQLException {
        if (baseVersion == version) {
            return new Advanced(base, 0);
        }
        FileChanges changes = changesBetween(c, tableId, baseVersion, version);
        return new Advanced(
                without(base, changes.dropped(), changes.added()),
                changes.dropped().size());
    }

    /**
     * The files at {@code version} from the files at a later {@code laterVersion}: drop what was
     * added after the version, bring back what was active at it and removed since.
     */
    private Advanced rewind(Connection c, long tableId, List<AddFile> later, long laterVersion, long version)
            throws SQLException {
        Set<FileKey> dropped = keys(c, FileSql.KEYS_ADDED_BETWEEN, tableId, version, laterVersion);
        List<AddFile> restored = files(c, FileSql.FILES_REMOVED_BETWEEN, tableId, version, laterVersion, version);
        return new Advanced(without(later, dropped, restored), dropped.size() + restored.size());
    }

    /** The file keys (path, deletion vector id) a query selects. */
    static Set<FileKey> keys(Connection c, String sql, Object... args) throws SQLException {
        Set<FileKey> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new FileKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return keys;
    }

    /** The adds a query of {@link FileSql#FILE_COLUMNS} selects. */
    static List<AddFile> files(Connection c, String sql, Object... args) throws SQLException {
        List<AddFile> files = new ArrayList<>();
        FileRows rows = new FileRows();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(rows.map(rs));
                }
            }
        }
        return files;
    }

    /**
     * {@code base} minus the files whose key is in {@code dropped}, then {@code extra}; a compact
     * base (a checkpoint's) stays compact, sharing its segments.
     */
    static List<AddFile> without(List<AddFile> base, Set<FileKey> dropped, List<AddFile> extra) {
        if (dropped.isEmpty() && extra.isEmpty()) {
            return base;
        }
        if (base instanceof CompactFileList compact) {
            return compact.advance(dropped, extra);
        }
        // Most base files are kept: test the path alone first, and build a key only on a match.
        Set<String> droppedPaths = new HashSet<>();
        dropped.forEach(k -> droppedPaths.add(k.path()));
        List<AddFile> files = new ArrayList<>(base.size() + extra.size());
        for (AddFile f : base) {
            if (!droppedPaths.contains(f.path()) || !dropped.contains(FileKey.of(f))) {
                files.add(f);
            }
        }
        files.addAll(extra);
        return files;
    }

    /**
     * Streams the active files of {@code header}'s snapshot that pass {@code filter}. When the
     * filter names values for every partition column (and no paths) and the table has at least
     * {@link io.deltasql.core.CatalogConfig#fileCheckpointMinFiles()} files, the files come from
     * the parts of a file-list checkpoint that hold those partitions (see
     * {@link CheckpointPartitionReader}); otherwise, or when no usable checkpoint answers, from
     * the file rows. A read at the head that found no usable checkpoint, or many changes after
     * one, queues a new one. Named paths are looked up by key.
     */
    public CloseableIterator<AddFile> streamFiles(SnapshotHeader header, FileFilter filter) {
        long tableId = header.table().id();
        List<String> partitionColumns = header.metadata().partitionColumns();
        long minFiles = db.config().fileCheckpointMinFiles();
        List<String> hashes = filter.paths() == null && minFiles > 0 && header.numFiles() >= minFiles
                ? PartitionSelection.hashes(partitionColumns, filter)
                : null;
        if (hashes != null) {
            List<AddFile> files = fromCheckpoint(header, new HashSet<>(hashes));
            if (files != null) {
                return CloseableIterator.of(
                        files.stream().filter(filter::matches).iterator());
            }
        }
        if (filter.paths() != null) {
            boolean vectors = ProtocolUpgrade.supports(header.protocol(), TableFeature.DELETION_VECTORS);
            return streamByKeys(tableId, header.version(), filter, vectors);
        }
        return streamRows(tableId, header.version(), partitionColumns, filter);
    }

    /**
     * Streams the active files at {@code version} under the filter's paths by the key of each path
     * without a vector: an index lookup per path instead of a pass over every active file. On a
     * table with deletion vectors ({@code vectors}) a file with one is found by its path key.
     */
    private CloseableIterator<AddFile> streamByKeys(long tableId, long version, FileFilter filter, boolean vectors) {
        if (filter.paths().isEmpty()) {
            return CloseableIterator.of(List.<AddFile>of().iterator());
        }
        List<String> keys = new ArrayList<>();
        for (String path : filter.paths()) {
            keys.add(FileKeys.of(tableId, new FileKey(path, null)));
        }
        String sql = vectors ? FileSql.filesWithPathKeysAt(keys.size()) : FileSql.filesWithKeysAt(keys.size());
        List<Object> args = vectors ? FileSql.pathKeysArgs(keys, version) : FileSql.keysArgs(keys, version);
        FileRows rows = new FileRows();
        return CloseableIterator.of(list(
                        sql,
                        args,
                        rows::map,
                        filter::matches,
                        "cannot list files of table id " + tableId + " from the catalog")
                .iterator());
    }

    /** Some partitions' files from a checkpoint, or null when the rows must be read. */
    private List<AddFile> fromCheckpoint(SnapshotHeader header, Set<String> hashes) {
        long tableId = header.table().id();
        long version = header.version();
        CheckpointPartitionReader.Answer answer;
        try (Connection c = db.connection()) {
            answer = new CheckpointPartitionReader(c, db.dialect())
                    .read(
                            tableId,
                            version,
                            header.numFiles(),
                            hashes,
                            db.config().cacheMaxFiles() / 2);
        } catch (SQLException e) {
            throw db.failure("cannot list files of table '" + header.table().name() + "' at version " + version, e);
        }
        boolean atHead = version == header.table().headVersion();
        if (answer.damaged() != null) {
            checkpoints.reportDamaged(answer.damaged());
            if (!atHead) {
                checkpoints.discard(answer.damaged()); // at the head, the new checkpoint written below supersedes it
            }
        }
        if (atHead && answer.rewrite()) {
            long expected = header.numFiles();
            checkpoints.loadAndWrite(tableId, version, c -> {
                List<AddFile> files = loadRange(c, tableId, version, null, null);
                return files.size() == expected ? files : null;
            });
        }
        return answer.files();
    }

    /**
     * Streams the active files at {@code version} that pass {@code filter} (which names no paths):
     * partition values narrow the catalog query itself, and an exact check in memory follows. When the
     * filter names values for every partition column of the table, the query finds their
     * partitions through the {@code partition_hash} index; otherwise it matches the partition
     * values' JSON with coarse patterns.
     */
    private CloseableIterator<AddFile> streamRows(
            long tableId, long version, List<String> partitionColumns, FileFilter filter) {
        StringBuilder where = new StringBuilder();
        List<Object> filterArgs = new ArrayList<>();
        List<String> hashes = PartitionSelection.hashes(partitionColumns, filter);
        String index = hashes != null ? FileSql.PARTITION_INDEX : FileSql.ACTIVE_INDEX;
        if (hashes != null) {
            where.append(FileSql.partitionHashIn(hashes.size()));
            filterArgs.addAll(hashes);
        } else {
            for (Map.Entry<String, Set<String>> e : filter.partitionValues().entrySet()) {
                if (!partitionColumns.contains(e.getKey())) {
                    continue; // no such key in the JSON: a value is absent, which the exact check reads as null
                }
                for (String value : e.getValue()) {
                    filterArgs.add(PartitionValuePatterns.like(e.getKey(), value));
                }
                where.append(FileSql.partitionValuesLikeAny(e.getValue().size()));
            }
        }
        FileRows rows = new FileRows();
        return stream(
                FileSql.filesAt(db.dialect(), index, where.toString()),
                filesAtArgs(tableId, version, filterArgs),
                rows::map,
                filter::matches,
                "cannot list files of table id " + tableId + " from the catalog");
    }

    /** The parameters of {@link FileSql#filesAt}: each branch's table and version, then the arguments of its {@code where}. */
    private static List<Object> filesAtArgs(long tableId, long version, List<Object> whereArgs) {
        List<Object> args = new ArrayList<>(List.of(tableId, version));
        args.addAll(whereArgs);
        args.addAll(List.of(tableId, version, version));
        args.addAll(whereArgs);
        return args;
    }

    /** Streams the log's actions of versions {@code from..to} (inclusive), optionally of some kinds only, in log order. */
    public CloseableIterator<LogEntry> streamLog(long tableId, long from, long to, Set<String> actionTypes) {
        Set<String> kinds = actionTypes == null ? Set.of() : actionTypes;
        List<Object> args = new ArrayList<>(List.of(tableId, from, to));
        args.addAll(kinds);
        return stream(
                LogSql.actionsBetween(kinds.size()),
                args,
                rs -> new LogEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                x -> true,
                "cannot read the log of table id " + tableId + " from the catalog");
    }

    private <T> CloseableIterator<T> stream(
            String sql, List<Object> args, RowMapper<T> mapper, Predicate<T> keep, String what) {
        Connection c = db.connection();
        try {
            db.dialect().prepareForStreaming(c);
            PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(db.config().fetchSize());
            bind(ps, args.toArray());
            ResultSet rs = ps.executeQuery();
            return new ResultSetIterator<>(c, ps, rs, mapper, keep);
        } catch (SQLException e) {
            closeQuietly(c);
            throw db.failure(what, e);
        }
    }

    /**
     * Every row at once, for queries whose rows are bounded by what they name (files by key): no
     * cursor, so no transaction around it on PostgreSQL, one round trip.
     */
    private <T> List<T> list(String sql, List<Object> args, RowMapper<T> mapper, Predicate<T> keep, String what) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args.toArray());
            List<T> kept = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T row = mapper.map(rs);
                    if (keep.test(row)) {
                        kept.add(row);
                    }
                }
            }
            return kept;
        } catch (SQLException e) {
            throw db.failure(what, e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            c.close();
        } catch (SQLException ignored) {
            // The pool discards a connection it cannot reset.
        }
    }

    /** Maps the current row of a result set. */
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Rows mapped one at a time, one fetch-size batch in memory at a time. */
    private final class ResultSetIterator<T> implements CloseableIterator<T> {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final RowMapper<T> mapper;
        private final Predicate<T> keep;
        private T next;
        private boolean done;

        ResultSetIterator(
                Connection connection,
                PreparedStatement statement,
                ResultSet rows,
                RowMapper<T> mapper,
                Predicate<T> keep) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
            this.mapper = mapper;
            this.keep = keep;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                while (rows.next()) {
                    T row = mapper.map(rows);
                    if (keep.test(row)) {
                        next = row;
                        return true;
                    }
                }
            } catch (SQLException e) {
                close();
                throw db.failure("lost the catalog connection while reading", e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            close();
            return false;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T row = next;
            next = null;
            return row;
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                rows.close();
                statement.close();
            } catch (SQLException ignored) {
                // Closing the connection below releases the cursor anyway.
            }
            closeQuietly(connection);
        }
    }
}
