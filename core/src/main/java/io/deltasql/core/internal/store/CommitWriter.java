package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;
import static io.deltasql.core.internal.store.SqlRunner.longOrNull;
import static io.deltasql.core.internal.store.SqlRunner.textOrNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CommitResult;
import io.deltasql.core.CommittedVersion;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.DeltaSqlVersion;
import io.deltasql.core.FileKey;
import io.deltasql.core.SqlStates;
import io.deltasql.core.TableInfo;
import io.deltasql.core.internal.commit.FeatureRules;
import io.deltasql.core.internal.commit.PreparedCommit;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.protocol.SetTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes commits inside the caller's open transaction on locked head rows: the commit rows,
 * every action's JSON, the file lifetimes they open and close, application transactions and
 * domains, and finally advances the heads. Nothing is visible until the caller commits the
 * database transaction.
 */
final class CommitWriter {
    static final int ORIGIN_DELTASQL = 0;
    static final int ORIGIN_IMPORTED = 1;
    static final int ORIGIN_CHECKPOINT = 2;
    /** A catalog-managed table's commit ratified from the staged commit file its client wrote. */
    static final int ORIGIN_RATIFIED = 3;

    static final int MIRROR_PENDING = 0;
    static final int MIRROR_DONE = 1;
    static final int BATCH = 1_000;
    static final int KEY_CHUNK = 500;

    private CommitWriter() {}

    /**
     * One table's commit with everything decided in memory before it is written: the head row it
     * follows (locked by the caller), the header at that head (null for a new table), the commit
     * after the table-feature rules, its version, timestamp, commitInfo, actions and their JSON.
     */
    record Planned(
            TableInfo head,
            SnapshotHeader base,
            PreparedCommit commit,
            long version,
            long timestamp,
            CommitInfo info,
            List<Action> actions,
            Map<Action, String> json) {}

    /**
     * Writes the commits (distinct tables) with one statement or JDBC batch per kind of row for all
     * of them, not per table: a multi-table commit costs about as many round trips as a single one.
     */
    static Landed writeAll(Connection c, List<Planned> plans) throws SQLException {
        List<long[]> closed = closeLifetimes(c, plans);
        try (PreparedStatement ps = c.prepareStatement(LogSql.INSERT_ACTION)) {
            Batch batch = new Batch(ps);
            for (Planned p : plans) {
                addActions(batch, p.head().id(), p.version(), p.actions(), p.json());
            }
            batch.finish();
        }
        try (PreparedStatement ps = c.prepareStatement(FileSql.INSERT_FILE)) {
            Batch batch = new Batch(ps);
            for (Planned p : plans) {
                addFiles(batch, p.head().id(), p.version(), p.commit().adds(), p.json());
            }
            batch.finish();
        }
        List<CommittedVersion> versions = new ArrayList<>(plans.size());
        List<SnapshotHeader> headers = new ArrayList<>(plans.size());
        try (PreparedStatement ps = c.prepareStatement(CommitSql.INSERT_COMMIT)) {
            Batch batch = new Batch(ps);
            for (int i = 0; i < plans.size(); i++) {
                Planned p = plans.get(i);
                SnapshotHeader header = addCommitRow(batch, p, closed.get(i));
                CommitResult result = new CommitResult(
                        p.head().name(),
                        p.version(),
                        p.timestamp(),
                        p.commit().request().commitId());
                versions.add(new CommittedVersion(
                        result,
                        header.table(),
                        p.actions().stream().map(p.json()::get).toList(),
                        header.metadata()));
                headers.add(header);
            }
            batch.finish();
        }
        try (PreparedStatement ps = c.prepareStatement(LogSql.INSERT_APP_TXN)) {
            Batch batch = new Batch(ps);
            for (Planned p : plans) {
                addTxns(batch, p.head().id(), p.version(), p.commit().txns().values());
            }
            batch.finish();
        }
        try (PreparedStatement ps = c.prepareStatement(LogSql.INSERT_DOMAIN)) {
            Batch batch = new Batch(ps);
            for (Planned p : plans) {
                addDomains(
                        batch, p.head().id(), p.version(), p.commit().domains().values());
            }
            batch.finish();
        }
        advanceHeads(c, plans);
        return Landed.written(versions, headers);
    }

    /**
     * Decides in memory what {@code prepared} becomes on {@code head}, read under its lock, with
     * {@code base} the header at it (a new table: its registered row and no base): its version, its
     * timestamp (after the head's, at or after {@code now}), the table-feature rules' changes and
     * the commitInfo recorded first.
     */
    static Planned plan(TableInfo head, SnapshotHeader base, PreparedCommit prepared, long now) {
        long version = head.headVersion() + 1;
        long timestamp = Math.max(now, head.headTimestamp() + 1);
        FeatureRules.Ruled ruled = FeatureRules.apply(base, prepared, version, timestamp);
        PreparedCommit commit = ruled.commit();
        CommitInfo info = commitInfo(commit, timestamp, version, ruled.inCommitTimestamp());
        List<Action> actions = new ArrayList<>(commit.actions().size() + 1);
        actions.add(info);
        actions.addAll(commit.actions());
        Map<Action, String> json = new IdentityHashMap<>(actions.size() * 2);
        for (Action a : actions) {
            json.put(a, a.toJson());
        }
        return new Planned(head, base, commit, version, timestamp, info, actions, json);
    }

    /** Adds the commit row of {@code p} to the batch; the header of the new version, with the file counts after it. */
    private static SnapshotHeader addCommitRow(Batch batch, Planned p, long[] closed) throws SQLException {
        PreparedCommit commit = p.commit();
        TableInfo head = p.head();
        SnapshotHeader base = p.base();
        long addedBytes = commit.adds().stream().mapToLong(AddFile::size).sum();
        long numFiles = (base == null ? 0 : base.numFiles()) + commit.adds().size() - closed[0];
        long sizeBytes = (base == null ? 0 : base.sizeBytes()) + addedBytes - closed[1];
        bind(
                batch.statement(),
                head.id(),
                p.version(),
                p.timestamp(),
                commit.request().commitId(),
                textOrNull(p.info().operation()),
                p.json().get(p.info()),
                commit.blindAppend(),
                commit.changesMetadata(),
                commit.changesProtocol(),
                !commit.txns().isEmpty(),
                !commit.domains().isEmpty(),
                (long) commit.adds().size(),
                (long) commit.removes().size(),
                (long) p.actions().size(),
                numFiles,
                sizeBytes,
                ORIGIN_DELTASQL,
                MIRROR_PENDING);
        batch.add();
        return nextHeader(head, base, commit, p.version(), p.timestamp(), numFiles, sizeBytes);
    }

    /**
     * Advances every head by one version in one statement, each a compare-and-set on the version
     * read under the lock: the count of rows changed must be the number of tables.
     */
    private static void advanceHeads(Connection c, List<Planned> plans) throws SQLException {
        List<Object> args = new ArrayList<>();
        for (Planned p : plans) {
            args.add(p.head().id());
            args.add(p.timestamp());
        }
        for (Planned p : plans) {
            args.add(p.head().id());
            args.add(p.head().headVersion());
        }
        try (PreparedStatement ps = c.prepareStatement(TableSql.advanceHeads(plans.size()))) {
            bind(ps, args.toArray());
            int changed = ps.executeUpdate();
            if (changed != plans.size()) {
                throw new SQLException(
                        "the head of " + (plans.size() - changed) + " of the tables "
                                + plans.stream().map(p -> p.head().name()).toList() + " moved during the commit",
                        SqlStates.Database.SERIALIZATION_FAILURE);
            }
        }
    }

    /** Rows added to one prepared statement, sent every {@link #BATCH} rows and at the end (not at all when empty). */
    static final class Batch {
        private final PreparedStatement ps;
        private int pending;

        Batch(PreparedStatement ps) {
            this.ps = ps;
        }

        PreparedStatement statement() {
            return ps;
        }

        void add() throws SQLException {
            ps.addBatch();
            if (++pending == BATCH) {
                ps.executeBatch();
                pending = 0;
            }
        }

        void finish() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
                pending = 0;
            }
        }
    }

    /** One lifetime row of a file: when it was added, its size, and whether it is still active. */
    record Lifetime(long addedVersion, long size) {}

    /**
     * Ends the lifetimes the commits end: every removed file (which must have been active at the
     * commit's read version) and every active file an add replaces (Delta's reconciliation: the
     * newest add of a key wins). File keys include the table, so one lookup serves every table.
     * Rows are found by key alone and updated by full primary key, so every database uses the
     * primary key whatever its statistics say. Returns {count, bytes} closed per commit.
     */
    private static List<long[]> closeLifetimes(Connection c, List<Planned> plans) throws SQLException {
        List<Map<String, FileKey>> removedKeys = new ArrayList<>();
        List<Map<String, FileKey>> addedKeys = new ArrayList<>();
        List<String> lookup = new ArrayList<>();
        for (Planned p : plans) {
            long tableId = p.head().id();
            Map<String, FileKey> removed = new LinkedHashMap<>();
            for (RemoveFile r : p.commit().removes()) {
                removed.put(FileKeys.of(tableId, FileKey.of(r)), FileKey.of(r));
            }
            Map<String, FileKey> added = new LinkedHashMap<>();
            for (AddFile a : p.commit().adds()) {
                added.put(FileKeys.of(tableId, FileKey.of(a)), FileKey.of(a));
            }
            removedKeys.add(removed);
            addedKeys.add(added);
            lookup.addAll(removed.keySet());
            lookup.addAll(added.keySet());
        }
        Map<String, Lifetime> active = activeLifetimes(c, lookup);
        List<long[]> closed = new ArrayList<>(plans.size());
        try (PreparedStatement ps = c.prepareStatement(FileSql.CLOSE_LIFETIME)) {
            Batch batch = new Batch(ps);
            for (int i = 0; i < plans.size(); i++) {
                Planned p = plans.get(i);
                long read = p.commit().request().readVersion();
                Map<String, Lifetime> toClose = new LinkedHashMap<>();
                for (Map.Entry<String, FileKey> e : removedKeys.get(i).entrySet()) {
                    Lifetime l = active.get(e.getKey());
                    if (l == null || l.addedVersion() > read) {
                        throw DeltaSqlErrors.invalid("Delta table '" + p.head().name() + "', commit at read version "
                                + read + ": cannot remove file " + e.getValue()
                                + ": it is not an active file at version " + read);
                    }
                    toClose.put(e.getKey(), l);
                }
                for (String key : addedKeys.get(i).keySet()) {
                    Lifetime l = active.get(key);
                    if (l != null) {
                        toClose.put(key, l);
                    }
                }
                long bytes = 0;
                for (Map.Entry<String, Lifetime> e : toClose.entrySet()) {
                    bind(ps, p.version(), e.getKey(), e.getValue().addedVersion());
                    batch.add();
                    bytes += e.getValue().size();
                }
                closed.add(new long[] {toClose.size(), bytes});
            }
            batch.finish();
        }
        return closed;
    }

    /** The active lifetime (if any) of each of {@code keys}. */
    static Map<String, Lifetime> activeLifetimes(Connection c, List<String> keys) throws SQLException {
        Map<String, Lifetime> active = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEY_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEY_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(FileSql.lifetimesOfKeys(chunk.size()))) {
                List<Object> args = FileSql.keysArgs(chunk, -1);
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, (String) args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(3);
                        if (rs.wasNull()) {
                            active.put(rs.getString(1), new Lifetime(rs.getLong(2), rs.getLong(4)));
                        }
                    }
                }
            }
        }
        return active;
    }

    private static SnapshotHeader nextHeader(
            TableInfo head,
            SnapshotHeader base,
            PreparedCommit commit,
            long version,
            long timestamp,
            long numFiles,
            long sizeBytes) {
        Protocol protocol = commit.protocol() != null ? commit.protocol() : base.protocol();
        Metadata metadata = commit.metadata() != null ? commit.metadata() : base.metadata();
        Map<String, Long> txns = new HashMap<>(base == null ? Map.of() : base.appTransactions());
        commit.txns().values().forEach(t -> txns.put(t.appId(), t.version()));
        Map<String, DomainMetadata> domains = new HashMap<>(base == null ? Map.of() : base.domainMetadata());
        for (DomainMetadata d : commit.domains().values()) {
            if (d.removed()) {
                domains.remove(d.domain());
            } else {
                domains.put(d.domain(), new DomainMetadata(d.domain(), d.configuration(), false, Map.of()));
            }
        }
        TableInfo table = new TableInfo(
                head.id(), head.name(), head.location(), head.tableUuid(), head.createdAt(), version, timestamp);
        return new SnapshotHeader(table, version, timestamp, protocol, metadata, numFiles, sizeBytes, txns, domains);
    }

    /**
     * The commitInfo recorded first in the commit: the writer's own, completed with what the catalog
     * decided. Version 0 read nothing, so it has no readVersion, as Delta's writers leave it out.
     * The in-commit timestamp is the catalog's, never the writer's: only the catalog orders commits.
     */
    private static CommitInfo commitInfo(PreparedCommit commit, long timestamp, long version, Long inCommitTimestamp) {
        CommitRequest r = commit.request();
        CommitInfo given = commit.commitInfo();
        Long readVersion = version == 0 ? null : r.readVersion();
        ObjectNode params = ActionCodec.mapper().createObjectNode();
        r.operationParameters().forEach(params::put);
        ObjectNode metrics = ActionCodec.mapper().createObjectNode();
        metrics.put("numAddedFiles", String.valueOf(commit.adds().size()));
        metrics.put("numRemovedFiles", String.valueOf(commit.removes().size()));
        metrics.put(
                "numAddedBytes",
                String.valueOf(commit.adds().stream().mapToLong(AddFile::size).sum()));
        if (given == null) {
            return new CommitInfo(
                    timestamp,
                    r.operation(),
                    params,
                    null,
                    null,
                    DeltaSqlVersion.ENGINE_INFO,
                    readVersion,
                    "WriteSerializable",
                    commit.blindAppend(),
                    metrics,
                    null,
                    r.commitId(),
                    inCommitTimestamp,
                    Map.of());
        }
        return new CommitInfo(
                timestamp,
                orElse(given.operation(), r.operation()),
                orElse(given.operationParameters(), params),
                given.userId(),
                given.userName(),
                orElse(given.engineInfo(), DeltaSqlVersion.ENGINE_INFO),
                orElse(given.readVersion(), readVersion),
                orElse(given.isolationLevel(), "WriteSerializable"),
                orElse(given.isBlindAppend(), commit.blindAppend()),
                orElse(given.operationMetrics(), (JsonNode) metrics),
                given.userMetadata(),
                orElse(given.txnId(), r.commitId()),
                inCommitTimestamp,
                given.extra());
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static void insertActions(Connection c, long tableId, long version, List<Action> actions, Map<Action, String> json)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LogSql.INSERT_ACTION)) {
            Batch batch = new Batch(ps);
            addActions(batch, tableId, version, actions, json);
            batch.finish();
        }
    }

    private static void addActions(
            Batch batch, long tableId, long version, List<Action> actions, Map<Action, String> json)
            throws SQLException {
        long seq = 0;
        for (Action a : actions) {
            bind(batch.statement(), tableId, version, seq++, a.kind(), json.get(a));
            batch.add();
        }
    }

    static void insertFiles(Connection c, long tableId, long version, List<AddFile> adds, Map<Action, String> json)
            throws SQLException {
        if (adds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(FileSql.INSERT_FILE)) {
            Batch batch = new Batch(ps);
            addFiles(batch, tableId, version, adds, json);
            batch.finish();
        }
    }

    private static void addFiles(Batch batch, long tableId, long version, List<AddFile> adds, Map<Action, String> json)
            throws SQLException {
        try {
            for (AddFile a : adds) {
                String partitionValues = ActionCodec.mapper().writeValueAsString(a.partitionValues());
                bind(
                        batch.statement(),
                        tableId,
                        FileKeys.of(tableId, FileKey.of(a)),
                        version,
                        a.path(),
                        textOrNull(a.dvUniqueId()),
                        a.size(),
                        a.modificationTime(),
                        a.dataChange(),
                        partitionValues,
                        json.get(a),
                        textOrNull(a.stats()),
                        a.isPlain(),
                        PartitionHashes.of(a.partitionValues()),
                        textOrNull(FileKeys.pathKey(tableId, FileKey.of(a))));
                batch.add();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("partition values cannot be written as JSON", e);
        }
    }

    static void insertTxns(Connection c, long tableId, long version, Iterable<SetTransaction> txns)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LogSql.INSERT_APP_TXN)) {
            Batch batch = new Batch(ps);
            addTxns(batch, tableId, version, txns);
            batch.finish();
        }
    }

    private static void addTxns(Batch batch, long tableId, long version, Iterable<SetTransaction> txns)
            throws SQLException {
        for (SetTransaction t : txns) {
            bind(batch.statement(), tableId, t.appId(), version, t.version(), longOrNull(t.lastUpdated()));
            batch.add();
        }
    }

    static void insertDomains(Connection c, long tableId, long version, Iterable<DomainMetadata> domains)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LogSql.INSERT_DOMAIN)) {
            Batch batch = new Batch(ps);
            addDomains(batch, tableId, version, domains);
            batch.finish();
        }
    }

    private static void addDomains(Batch batch, long tableId, long version, Iterable<DomainMetadata> domains)
            throws SQLException {
        for (DomainMetadata d : domains) {
            bind(
                    batch.statement(),
                    tableId,
                    d.domain(),
                    version,
                    d.configuration() == null ? "" : d.configuration(),
                    d.removed());
            batch.add();
        }
    }
}
