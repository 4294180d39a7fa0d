package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.CommitConflictException;
import io.deltasql.core.CommitResult;
import io.deltasql.core.CommittedVersion;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.ImportedVersion;
import io.deltasql.core.StagedCommit;
import io.deltasql.core.StagedCommitFile;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.UnpublishedVersion;
import io.deltasql.core.internal.commit.CatalogManagedRules;
import io.deltasql.core.location.FilePathRules;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog side of catalog-managed tables' commits made by their own clients: a client writes
 * a staged commit file and asks the catalog to ratify it as the next version. The catalog takes it
 * exactly at that version or not at all (the client computed it against the version before: a
 * version taken meanwhile is a conflict the client resolves), stores its lines as they are, and
 * tells the listeners, so the mirror publishes it as {@code <v>.json} like any other commit.
 */
public final class StagedCommits {
    private final CatalogDatabase db;
    private final HeaderSource headers;
    private final TransactionRunner transactions;
    private final CommitListeners listeners;

    StagedCommits(CatalogDatabase db, HeaderSource headers, TransactionRunner transactions, CommitListeners listeners) {
        this.db = db;
        this.headers = headers;
        this.transactions = transactions;
        this.listeners = listeners;
    }

    /** What a staged commit holds, checked before any database work. */
    private record Parsed(List<Action> actions, CommitInfo info, Protocol protocol, Metadata metadata) {}

    /**
     * Ratifies {@code staged} as version {@code staged.version()}: the table must be catalog-managed
     * and at the version before. A retry of a commit that already landed (same transaction id at
     * that version) returns it again.
     *
     * @throws CommitConflictException when the version was taken by another commit
     */
    public CommitResult ratify(StagedCommit staged) {
        String where = "Delta table '" + staged.table() + "', staged commit " + staged.fileName();
        Parsed parsed = parse(where, staged);
        String commitId = parsed.info().txnId() != null ? parsed.info().txnId() : "ratified:" + staged.fileName();
        long ict = parsed.info().inCommitTimestamp();
        CommittedVersion[] landed = new CommittedVersion[1];
        CommitResult result = transactions.run(
                "ratify version " + staged.version() + " of table '" + staged.table() + "'",
                List.of(commitId),
                c -> {
                    TableInfo head = lockHead(c, staged.table());
                    long version = staged.version();
                    if (version <= head.headVersion()) {
                        CommitResult again = sameCommit(c, head, version, commitId, ict);
                        if (again != null) {
                            return again;
                        }
                        throw new CommitConflictException(
                                head.name(),
                                version - 1,
                                version,
                                CommitConflictException.Kind.CONCURRENT_WRITE,
                                "(version " + version + " is already ratified; the table is at version "
                                        + head.headVersion() + ")");
                    }
                    if (version != head.headVersion() + 1) {
                        throw DeltaSqlErrors.invalid(where + ": version " + version + " does not follow the table's"
                                + " latest version " + head.headVersion());
                    }
                    SnapshotHeader base = headers.header(c, head, head.headVersion());
                    if (!CatalogManagedRules.isCatalogManaged(base.protocol())) {
                        throw DeltaSqlErrors.invalid(where + ": the table is not catalog-managed");
                    }
                    Protocol protocol = parsed.protocol() != null ? parsed.protocol() : base.protocol();
                    Metadata metadata = parsed.metadata() != null ? parsed.metadata() : base.metadata();
                    CatalogManagedRules.checkCommit(where, base.protocol(), base.metadata(), protocol, metadata);
                    if (ict <= head.headTimestamp()) {
                        throw DeltaSqlErrors.invalid(where + ": its in-commit timestamp " + ict + " is not after"
                                + " version " + head.headVersion() + "'s (" + head.headTimestamp() + ")");
                    }
                    checkFilePaths(where, head, parsed.actions());
                    ReplayWriter.Replayed after = ReplayWriter.write(
                            c,
                            new ReplayWriter.Replayed(head, base.numFiles(), base.sizeBytes()),
                            false,
                            new ImportedVersion(version, ict, staged.lines(), false),
                            commitId);
                    try (PreparedStatement ps = c.prepareStatement(StagedCommitSql.INSERT)) {
                        bind(
                                ps,
                                head.id(),
                                version,
                                staged.fileName(),
                                staged.fileSize(),
                                staged.fileModificationTime());
                        ps.executeUpdate();
                    }
                    CommitResult r =
                            new CommitResult(head.name(), version, after.head().headTimestamp(), commitId);
                    landed[0] = new CommittedVersion(r, after.head(), staged.lines(), metadata);
                    return r;
                },
                found -> found.get(0));
        if (landed[0] != null) {
            listeners.published(new Landed(List.of(result), List.of(landed[0]), List.of()));
        }
        return result;
    }

    /** The versions of {@code table} after {@code from} up to {@code to}, with their staged files. */
    public List<UnpublishedVersion> after(TableInfo table, long from, long to) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(StagedCommitSql.FROM)) {
            bind(ps, table.id(), from, to);
            List<UnpublishedVersion> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long version = rs.getLong(1);
                    long timestamp = rs.getLong(2);
                    String name = rs.getString(3);
                    StagedCommitFile file = name == null
                            ? null
                            : new StagedCommitFile(version, name, rs.getLong(4), rs.getLong(5), timestamp);
                    out.add(new UnpublishedVersion(version, timestamp, file));
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.failure("cannot read the staged commits of table '" + table.name() + "'", e);
        }
    }

    /**
     * Records the staged file deltasql wrote for one of its own commits; when another request
     * recorded one first, returns that one (the first stays the version's staged file).
     */
    public StagedCommitFile recordStaged(TableInfo table, StagedCommitFile file) {
        try {
            transactions.run(
                    "record the staged file of version " + file.version() + " of table '" + table.name() + "'", c -> {
                        try (PreparedStatement ps = c.prepareStatement(StagedCommitSql.INSERT)) {
                            bind(
                                    ps,
                                    table.id(),
                                    file.version(),
                                    file.fileName(),
                                    file.fileSize(),
                                    file.fileModificationTime());
                            ps.executeUpdate();
                        }
                        return null;
                    });
            return file;
        } catch (RuntimeException e) {
            return after(table, file.version() - 1, file.version()).stream()
                    .map(UnpublishedVersion::file)
                    .filter(f -> f != null)
                    .findFirst()
                    .orElseThrow(() -> e);
        }
    }

    private static Parsed parse(String where, StagedCommit staged) {
        List<Action> actions = new ArrayList<>();
        CommitInfo info = null;
        Protocol protocol = null;
        Metadata metadata = null;
        int n = 0;
        for (String line : staged.lines()) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Action a;
            try {
                a = ActionCodec.parse(line);
            } catch (InvalidActionException e) {
                throw DeltaSqlErrors.invalid(where + ", line " + n + ": " + e.getMessage(), e);
            }
            if (a instanceof CommitInfo ci) {
                if (info != null || !actions.isEmpty()) {
                    throw DeltaSqlErrors.invalid(where + ": commitInfo must be its first and only commitInfo action");
                }
                info = ci;
            } else if (a instanceof Protocol p) {
                protocol = p;
            } else if (a instanceof Metadata m) {
                metadata = m;
            }
            actions.add(a);
        }
        if (info == null || info.inCommitTimestamp() == null) {
            throw DeltaSqlErrors.invalid(where + ": a commit to a catalog-managed table starts with a commitInfo"
                    + " that has its inCommitTimestamp");
        }
        return new Parsed(actions, info, protocol, metadata);
    }

    /** New files must lie in the table's directory or an allowed location, as for any commit. */
    private void checkFilePaths(String where, TableInfo head, List<Action> actions) {
        FilePathRules rules = FilePathRules.of(
                head.name(), head.headVersion(), head.location(), db.config().allowedLocations());
        for (Action a : actions) {
            if (a instanceof AddFile add) {
                rules.check(add.path());
                DeletionVectorDescriptor dv = add.deletionVector();
                if (dv != null && "p".equals(dv.storageType())) {
                    rules.check(dv.pathOrInlineDv());
                }
            }
        }
    }

    private TableInfo lockHead(Connection c, String name) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(TableSql.lockHeads(1, db.dialect().forUpdate()))) {
            bind(ps, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TableNotFoundException(name);
                }
                TableInfo head = TableRegistry.tableInfo(rs);
                String blocked = rs.getString(8);
                if (blocked != null) {
                    throw DeltaSqlErrors.blocked("Delta table '" + head.name() + "' does not accept commits: " + blocked
                            + "; re-import it to continue");
                }
                return head;
            }
        }
    }

    /** The version as it landed when it is this very commit (a retried request), else null. */
    private static CommitResult sameCommit(Connection c, TableInfo head, long version, String commitId, long ict)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(StagedCommitSql.COMMIT_ID_AT)) {
            bind(ps, head.id(), version);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && commitId.equals(rs.getString(1))) {
                    return new CommitResult(head.name(), version, ict, commitId);
                }
            }
        }
        return null;
    }
}
