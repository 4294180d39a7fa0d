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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one table's commit inside the caller's open transaction on a locked head row: the
 * commit row, every action's JSON, the file lifetimes it opens and closes, application
 * transactions and domains, and finally advances the head. Nothing is visible until the caller
 * commits the database transaction.
 */
final class CommitWriter {
    private static final int BATCH = 1_000;
    private static final int KEY_CHUNK = 500;

    private CommitWriter() {
    }

    /** What a written commit produced: its result and the header of the new version. */
    record Written(CommitResult result, SnapshotHeader header) {
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
        insertActions(c, head.id(), version, actions);

        removeFiles(c, head, version, commit);
        long[] removed = countRemoved(c, head.id(), version);
        if (removed[0] != commit.removes().size()) {
            throw missingRemove(c, head, commit);
        }
        replaceReAddedFiles(c, head, version, commit.adds());
        insertFiles(c, head.id(), version, commit.adds());
        long[] closed = countRemoved(c, head.id(), version);

        long baseFiles = base == null ? 0 : base.numFiles();
        long baseBytes = base == null ? 0 : base.sizeBytes();
        long numFiles = baseFiles + commit.adds().size() - closed[0];
        long sizeBytes = baseBytes + addedBytes - closed[1];

        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_COMMIT)) {
            bind(ps, head.id(), version, timestamp, request.commitId(), textOrNull(info.operation()), info.toJson(),
                    commit.blindAppend(), commit.changesMetadata(), commit.changesProtocol(), !commit.txns().isEmpty(),
                    !commit.domains().isEmpty(), (long) commit.adds().size(), (long) commit.removes().size(),
                    (long) actions.size(), numFiles, sizeBytes);
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
        return new Written(new CommitResult(head.name(), version, timestamp, request.commitId()), header);
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

    private static void insertActions(Connection c, long tableId, long version, List<Action> actions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_ACTION)) {
            int n = 0;
            for (Action a : actions) {
                bind(ps, tableId, version, (long) n, a.kind(), a.toJson());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void removeFiles(Connection c, TableInfo head, long version, PreparedCommit commit) throws SQLException {
        if (commit.removes().isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.REMOVE_FILE)) {
            int n = 0;
            for (RemoveFile r : commit.removes()) {
                bind(ps, version, head.id(), FileKeys.of(FileKey.of(r)), commit.request().readVersion());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** {count, total bytes} of the lifetimes closed at {@code version}. */
    private static long[] countRemoved(Connection c, long tableId, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.REMOVED_IN_VERSION)) {
            bind(ps, tableId, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** Names the first removed file that was not active at the read version (the transaction is rolled back). */
    private static InvalidRequestException missingRemove(Connection c, TableInfo head, PreparedCommit commit) throws SQLException {
        long read = commit.request().readVersion();
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.ACTIVE_BY_KEY)) {
            for (RemoveFile r : commit.removes()) {
                bind(ps, head.id(), FileKeys.of(FileKey.of(r)), read, read);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new InvalidRequestException("Delta table '" + head.name() + "', commit at read version " + read
                                + ": cannot remove file " + FileKey.of(r) + ": it is not an active file at version " + read);
                    }
                }
            }
        }
        return new InvalidRequestException("Delta table '" + head.name() + "', commit at read version " + read
                + ": some removed files are not active");
    }

    /** An add of a file that is already active replaces it (Delta's reconciliation): close the old lifetime. */
    private static void replaceReAddedFiles(Connection c, TableInfo head, long version, List<AddFile> adds) throws SQLException {
        if (adds.isEmpty()) {
            return;
        }
        Set<String> active = new HashSet<>();
        List<String> keys = adds.stream().map(a -> FileKeys.of(FileKey.of(a))).toList();
        for (int from = 0; from < keys.size(); from += KEY_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEY_CHUNK));
            String sql = "SELECT file_key FROM ds_files WHERE table_id = ? AND removed_version IS NULL AND file_key IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, head.id());
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        active.add(rs.getString(1));
                    }
                }
            }
        }
        if (active.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.REPLACE_FILE)) {
            for (String key : active) {
                bind(ps, version, head.id(), key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertFiles(Connection c, long tableId, long version, List<AddFile> adds) throws SQLException {
        if (adds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CatalogSql.INSERT_FILE)) {
            int n = 0;
            for (AddFile a : adds) {
                String partitionValues = ActionCodec.mapper().writeValueAsString(a.partitionValues());
                bind(ps, tableId, FileKeys.of(FileKey.of(a)), version, a.path(), textOrNull(a.dvUniqueId()), a.size(),
                        a.modificationTime(), a.dataChange(), partitionValues, a.toJson());
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

    private static void insertTxns(Connection c, long tableId, long version, Iterable<SetTransaction> txns) throws SQLException {
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

    private static void insertDomains(Connection c, long tableId, long version, Iterable<DomainMetadata> domains)
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
