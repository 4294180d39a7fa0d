package io.deltasql.core.store;

import static io.deltasql.core.store.SqlRunner.bind;
import static io.deltasql.core.store.SqlRunner.longOrNull;
import static io.deltasql.core.store.SqlRunner.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaSqlVersion;
import io.deltasql.core.FileKey;
import io.deltasql.core.TableInfo;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.commit.PreparedCommit;
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
 * Writes one table's commit inside the caller's open transaction on a locked head row: the
 * commit row, every action's JSON, the file lifetimes it opens and closes, application
 * transactions and domains, and finally advances the head. Nothing is visible until the caller
 * commits the database transaction.
 */
final class CommitWriter {
    static final int ORIGIN_DELTASQL = 0;
    static final int ORIGIN_IMPORTED = 1;
    static final int ORIGIN_CHECKPOINT = 2;
    static final int MIRROR_PENDING = 0;
    static final int MIRROR_DONE = 1;
    static final int BATCH = 1_000;
    static final int KEY_CHUNK = 500;

    private CommitWriter() {
    }

    /** What a written commit produced: its result, the header of the new version and its JSON lines in log order. */
    record Written(CommitResult result, SnapshotHeader header, List<String> lines) {
    }

    static Written write(Connection c, TableInfo head, SnapshotHeader base, PreparedCommit commit, long now) throws SQLException {
        CommitRequest request = commit.request();
        long version = head.headVersion() + 1;
        long timestamp = Math.max(now, head.headTimestamp() + 1);
        long addedBytes = commit.adds().stream().mapToLong(AddFile::size).sum();

        CommitInfo info = commitInfo(commit, timestamp);
        List<Action> actions = new ArrayList<>(commit.actions().size() + 1);
        actions.add(info);
        actions.addAll(commit.actions());
        Map<Action, String> json = new IdentityHashMap<>(actions.size() * 2);
        for (Action a : actions) {
            json.put(a, a.toJson());
        }
        insertActions(c, head.id(), version, actions, json);

        long[] closed = closeLifetimes(c, head, version, commit);
        insertFiles(c, head.id(), version, commit.adds(), json);

        long baseFiles = base == null ? 0 : base.numFiles();
        long baseBytes = base == null ? 0 : base.sizeBytes();
        long numFiles = baseFiles + commit.adds().size() - closed[0];
        long sizeBytes = baseBytes + addedBytes - closed[1];

        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_COMMIT)) {
            bind(ps, head.id(), version, timestamp, request.commitId(), textOrNull(info.operation()), json.get(info),
                    commit.blindAppend(), commit.changesMetadata(), commit.changesProtocol(), !commit.txns().isEmpty(),
                    !commit.domains().isEmpty(), (long) commit.adds().size(), (long) commit.removes().size(),
                    (long) actions.size(), numFiles, sizeBytes, ORIGIN_DELTASQL, MIRROR_PENDING);
            ps.executeUpdate();
        }
        insertTxns(c, head.id(), version, commit.txns().values());
        insertDomains(c, head.id(), version, commit.domains().values());
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.ADVANCE_HEAD)) {
            bind(ps, version, timestamp, head.id(), head.headVersion());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("head of table " + head.name() + " moved during the commit", "40001");
            }
        }
        SnapshotHeader header = nextHeader(head, base, commit, version, timestamp, numFiles, sizeBytes);
        List<String> lines = actions.stream().map(json::get).toList();
        return new Written(new CommitResult(head.name(), version, timestamp, request.commitId()), header, lines);
    }

    /** One lifetime row of a file: when it was added, its size, and whether it is still active. */
    record Lifetime(long addedVersion, long size) {
    }

    /**
     * Ends the lifetimes this commit ends: every removed file (which must have been active at the
     * read version) and every active file an add replaces (Delta's reconciliation: the newest add
     * of a key wins). Rows are found by key alone and updated by full primary key, so every
     * database uses the primary key whatever its statistics say. Returns {count, bytes} closed.
     */
    private static long[] closeLifetimes(Connection c, TableInfo head, long version, PreparedCommit commit) throws SQLException {
        long read = commit.request().readVersion();
        Map<String, FileKey> removedKeys = new LinkedHashMap<>();
        for (RemoveFile r : commit.removes()) {
            removedKeys.put(FileKeys.of(head.id(), FileKey.of(r)), FileKey.of(r));
        }
        Map<String, FileKey> addedKeys = new LinkedHashMap<>();
        for (AddFile a : commit.adds()) {
            addedKeys.put(FileKeys.of(head.id(), FileKey.of(a)), FileKey.of(a));
        }
        List<String> lookup = new ArrayList<>(removedKeys.keySet());
        lookup.addAll(addedKeys.keySet());
        Map<String, Lifetime> active = activeLifetimes(c, lookup);

        Map<String, Lifetime> toClose = new LinkedHashMap<>();
        for (Map.Entry<String, FileKey> e : removedKeys.entrySet()) {
            Lifetime l = active.get(e.getKey());
            if (l == null || l.addedVersion() > read) {
                throw new InvalidRequestException("Delta table '" + head.name() + "', commit at read version " + read
                        + ": cannot remove file " + e.getValue() + ": it is not an active file at version " + read);
            }
            toClose.put(e.getKey(), l);
        }
        for (String key : addedKeys.keySet()) {
            Lifetime l = active.get(key);
            if (l != null) {
                toClose.put(key, l);
            }
        }
        if (toClose.isEmpty()) {
            return new long[] {0, 0};
        }
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.CLOSE_LIFETIME)) {
            int n = 0;
            for (Map.Entry<String, Lifetime> e : toClose.entrySet()) {
                bind(ps, version, e.getKey(), e.getValue().addedVersion());
                ps.addBatch();
                bytes += e.getValue().size();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return new long[] {toClose.size(), bytes};
    }

    /** The active lifetime (if any) of each of {@code keys}. */
    static Map<String, Lifetime> activeLifetimes(Connection c, List<String> keys) throws SQLException {
        Map<String, Lifetime> active = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEY_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEY_CHUNK));
            String sql = CatalogSql.LIFETIMES_OF_KEYS + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
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

    private static SnapshotHeader nextHeader(TableInfo head, SnapshotHeader base, PreparedCommit commit, long version,
                                             long timestamp, long numFiles, long sizeBytes) {
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
        TableInfo table = new TableInfo(head.id(), head.name(), head.location(), head.tableUuid(), head.createdAt(),
                version, timestamp);
        return new SnapshotHeader(table, version, timestamp, protocol, metadata, numFiles, sizeBytes, txns, domains);
    }

    /** The commitInfo recorded first in the commit: the writer's own, completed with what the catalog decided. */
    private static CommitInfo commitInfo(PreparedCommit commit, long timestamp) {
        CommitRequest r = commit.request();
        CommitInfo given = commit.commitInfo();
        ObjectNode params = ActionCodec.mapper().createObjectNode();
        r.operationParameters().forEach(params::put);
        ObjectNode metrics = ActionCodec.mapper().createObjectNode();
        metrics.put("numAddedFiles", String.valueOf(commit.adds().size()));
        metrics.put("numRemovedFiles", String.valueOf(commit.removes().size()));
        metrics.put("numAddedBytes", String.valueOf(commit.adds().stream().mapToLong(AddFile::size).sum()));
        if (given == null) {
            return new CommitInfo(timestamp, r.operation(), params, null, null, DeltaSqlVersion.ENGINE_INFO, r.readVersion(),
                    "WriteSerializable", commit.blindAppend(), metrics, null, r.commitId(), null, Map.of());
        }
        return new CommitInfo(timestamp, orElse(given.operation(), r.operation()), orElse(given.operationParameters(), params),
                given.userId(), given.userName(), orElse(given.engineInfo(), DeltaSqlVersion.ENGINE_INFO),
                orElse(given.readVersion(), r.readVersion()), orElse(given.isolationLevel(), "WriteSerializable"),
                orElse(given.isBlindAppend(), commit.blindAppend()), orElse(given.operationMetrics(), (JsonNode) metrics),
                given.userMetadata(), orElse(given.txnId(), r.commitId()), given.inCommitTimestamp(), given.extra());
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static void insertActions(Connection c, long tableId, long version, List<Action> actions, Map<Action, String> json)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_ACTION)) {
            int n = 0;
            for (Action a : actions) {
                bind(ps, tableId, version, (long) n, a.kind(), json.get(a));
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static void insertFiles(Connection c, long tableId, long version, List<AddFile> adds, Map<Action, String> json)
            throws SQLException {
        if (adds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_FILE)) {
            int n = 0;
            for (AddFile a : adds) {
                String partitionValues = ActionCodec.mapper().writeValueAsString(a.partitionValues());
                bind(ps, tableId, FileKeys.of(tableId, FileKey.of(a)), version, a.path(), textOrNull(a.dvUniqueId()), a.size(),
                        a.modificationTime(), a.dataChange(), partitionValues, json.get(a), textOrNull(a.stats()),
                        FileRows.isPlain(a), PartitionHashes.of(a.partitionValues()));
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("partition values cannot be written as JSON", e);
        }
    }

    static void insertTxns(Connection c, long tableId, long version, Iterable<SetTransaction> txns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_APP_TXN)) {
            boolean any = false;
            for (SetTransaction t : txns) {
                bind(ps, tableId, t.appId(), version, t.version(), longOrNull(t.lastUpdated()));
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    static void insertDomains(Connection c, long tableId, long version, Iterable<DomainMetadata> domains)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_DOMAIN)) {
            boolean any = false;
            for (DomainMetadata d : domains) {
                bind(ps, tableId, d.domain(), version, d.configuration() == null ? "" : d.configuration(), d.removed());
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }
}
