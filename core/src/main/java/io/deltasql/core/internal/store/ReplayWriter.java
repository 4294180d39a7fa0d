package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;
import static io.deltasql.core.internal.store.SqlRunner.textOrNull;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.FileKey;
import io.deltasql.core.ImportedVersion;
import io.deltasql.core.SqlStates;
import io.deltasql.core.TableInfo;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.protocol.SetTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes versions another engine committed, as they are: the original JSON lines are kept
 * byte for byte, and files are reconciled the way Delta readers replay a log (a remove of a file
 * that is not active is a no-op; within one commit a remove of a key wins over an add of it, and
 * of two adds of one key the first wins). Imported versions are already in {@code _delta_log},
 * so they are recorded as mirrored.
 */
final class ReplayWriter {
    private ReplayWriter() {}

    /** The table after an imported version: its head and its file count and size. */
    record Replayed(TableInfo head, long numFiles, long sizeBytes) {}

    /** Writes {@code v} on top of {@code before} (head locked); {@code first} when it starts the table. */
    static Replayed write(Connection c, Replayed before, boolean first, ImportedVersion v) throws SQLException {
        return write(c, before, first, v, null);
    }

    /**
     * As {@link #write(Connection, Replayed, boolean, ImportedVersion)}; with a {@code ratifiedId},
     * {@code v} is a catalog-managed table's commit ratified from the client's staged file: recorded
     * under that commit id, not yet in {@code _delta_log} (the mirror publishes it).
     */
    static Replayed write(Connection c, Replayed before, boolean first, ImportedVersion v, String ratifiedId)
            throws SQLException {
        boolean ratified = ratifiedId != null;
        TableInfo head = before.head();
        long version = v.version();
        if (version != head.headVersion() + 1) {
            throw DeltaSqlErrors.invalid("Delta table '" + head.name() + "': imported version " + version
                    + " does not follow version " + head.headVersion() + " (versions must be contiguous)");
        }
        List<Action> actions = new ArrayList<>(v.actionLines().size());
        Map<Action, String> json = new IdentityHashMap<>();
        int lineNumber = 0;
        for (String line : v.actionLines()) {
            lineNumber++;
            try {
                Action a = ActionCodec.parse(line);
                actions.add(a);
                json.put(a, line);
            } catch (InvalidActionException e) {
                throw DeltaSqlErrors.invalid(
                        "Delta table '" + head.name() + "', version " + version + ", action " + lineNumber + ": "
                                + e.getMessage(),
                        e);
            }
        }
        CommitInfo info = null;
        Protocol protocol = null;
        Metadata metadata = null;
        Map<FileKey, AddFile> adds = new LinkedHashMap<>();
        Set<FileKey> removes = new LinkedHashSet<>();
        Map<String, SetTransaction> txns = new LinkedHashMap<>();
        Map<String, DomainMetadata> domains = new LinkedHashMap<>();
        int numAdds = 0;
        int numRemoves = 0;
        for (Action a : actions) {
            if (a instanceof CommitInfo ci && info == null) {
                info = ci;
            } else if (a instanceof Protocol p) {
                protocol = p;
            } else if (a instanceof Metadata m) {
                metadata = m;
            } else if (a instanceof AddFile add) {
                numAdds++;
                adds.putIfAbsent(FileKey.of(add), add);
            } else if (a instanceof RemoveFile r) {
                numRemoves++;
                removes.add(FileKey.of(r));
            } else if (a instanceof SetTransaction t) {
                txns.put(t.appId(), t);
            } else if (a instanceof DomainMetadata d) {
                domains.put(d.domain(), d);
            }
        }
        adds.keySet().removeAll(removes);
        if (first && (protocol == null || metadata == null)) {
            throw DeltaSqlErrors.invalid("Delta table '" + head.name() + "': version " + version + " is the first one"
                    + " imported and has no " + (protocol == null ? "protocol" : "metaData") + " action");
        }
        // The importer gives each version Delta's time (DeltaCommitTimes); versions a Delta reader never
        // picks by time share the next one's, so times never decrease but may repeat.
        long timestamp = Math.max(v.timestamp(), head.headTimestamp());

        CommitWriter.insertActions(c, head.id(), version, actions, json);
        // Removes and re-added keys end their active lifetimes; a remove of a file that is not active is a no-op.
        Map<String, FileKey> keys = new LinkedHashMap<>();
        removes.forEach(k -> keys.put(FileKeys.of(head.id(), k), k));
        adds.keySet().forEach(k -> keys.put(FileKeys.of(head.id(), k), k));
        Map<String, CommitWriter.Lifetime> active = CommitWriter.activeLifetimes(c, new ArrayList<>(keys.keySet()));
        long closedBytes = 0;
        try (PreparedStatement ps = c.prepareStatement(FileSql.CLOSE_LIFETIME)) {
            int n = 0;
            for (Map.Entry<String, CommitWriter.Lifetime> e : active.entrySet()) {
                bind(ps, version, e.getKey(), e.getValue().addedVersion());
                ps.addBatch();
                closedBytes += e.getValue().size();
                if (++n % CommitWriter.BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        List<AddFile> added = new ArrayList<>(adds.values());
        CommitWriter.insertFiles(c, head.id(), version, added, json);
        long numFiles = before.numFiles() + added.size() - active.size();
        long sizeBytes =
                before.sizeBytes() + added.stream().mapToLong(AddFile::size).sum() - closedBytes;

        boolean blindAppend = info != null && Boolean.TRUE.equals(info.isBlindAppend());
        try (PreparedStatement ps = c.prepareStatement(CommitSql.INSERT_COMMIT)) {
            String operation = v.checkpointState() ? "CHECKPOINT STATE" : info == null ? null : info.operation();
            bind(
                    ps,
                    head.id(),
                    version,
                    timestamp,
                    ratified ? ratifiedId : "import:" + head.tableUuid() + ":" + version,
                    textOrNull(operation),
                    textOrNull(info == null ? null : json.get(info)),
                    blindAppend,
                    metadata != null,
                    protocol != null,
                    !txns.isEmpty(),
                    !domains.isEmpty(),
                    (long) numAdds,
                    (long) numRemoves,
                    (long) actions.size(),
                    numFiles,
                    sizeBytes,
                    ratified
                            ? CommitWriter.ORIGIN_RATIFIED
                            : v.checkpointState() ? CommitWriter.ORIGIN_CHECKPOINT : CommitWriter.ORIGIN_IMPORTED,
                    ratified ? CommitWriter.MIRROR_PENDING : CommitWriter.MIRROR_DONE);
            ps.executeUpdate();
        }
        CommitWriter.insertTxns(c, head.id(), version, txns.values());
        CommitWriter.insertDomains(c, head.id(), version, domains.values());
        try (PreparedStatement ps = c.prepareStatement(TableSql.ADVANCE_HEAD)) {
            bind(ps, version, timestamp, head.id(), head.headVersion());
            if (ps.executeUpdate() != 1) {
                throw new SQLException(
                        "head of table " + head.name() + " moved during the import",
                        SqlStates.Database.SERIALIZATION_FAILURE);
            }
        }
        if (!ratified) {
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.ADVANCE_MIRRORED)) {
                bind(ps, version, head.id(), version);
                ps.executeUpdate();
            }
        }
        return new Replayed(
                new TableInfo(
                        head.id(),
                        head.name(),
                        head.location(),
                        head.tableUuid(),
                        head.createdAt(),
                        version,
                        timestamp),
                numFiles,
                sizeBytes);
    }
}
