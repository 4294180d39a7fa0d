package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.CatalogException;
import io.deltasql.core.CommitListener;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.ImportedVersion;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.CommitResult;
import io.deltasql.core.CommittedVersion;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.TableAlreadyExistsException;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.VersionNotFoundException;
import io.deltasql.core.internal.commit.CommitValidator;
import io.deltasql.core.internal.commit.SchemalessTables;
import io.deltasql.core.internal.commit.PreparedCommit;
import io.deltasql.core.location.FilePathRules;
import io.deltasql.core.protocol.AddCdcFile;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.Format;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The catalog's table registry and commit protocol. A commit (of one table or many) is one
 * database transaction: lock each table's head row in name order (no deadlocks between
 * overlapping transactions), check Delta's conflict rules against what landed since the read
 * version, write, advance the heads, commit. Transient database failures retry the whole
 * transaction; a commit whose outcome is unknown is looked up by its commit id before anything
 * is reported.
 */
public final class CatalogStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CatalogStore.class);

    private final CatalogDatabase db;
    private final HeaderSource headers;
    private final TableLookup lookup;
    private final List<CommitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CatalogStore(CatalogDatabase db, HeaderSource headers) {
        this.db = db;
        this.headers = headers;
        this.lookup = new TableLookup(db);
    }

    /** The table's head row, read from the catalog on every call (one round trip when the lookup connection is free). */
    public Optional<TableInfo> findTable(String name) {
        Optional<TableInfo> found = lookup.find(name);
        if (found != null) {
            return found;
        }
        try (Connection c = db.connection()) {
            return findTable(c, name, "");
        } catch (SQLException e) {
            throw db.failure("cannot look up table '" + name + "' in the catalog", e);
        }
    }

    private Optional<TableInfo> findTable(Connection c, String name, String suffix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TableSql.FIND_TABLE + suffix)) {
            bind(ps, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(tableInfo(rs)) : Optional.empty();
            }
        }
    }

    public List<TableInfo> listTables() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(TableSql.LIST_TABLES);
             ResultSet rs = ps.executeQuery()) {
            List<TableInfo> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(tableInfo(rs));
            }
            return tables;
        } catch (SQLException e) {
            throw db.failure("cannot list the catalog's tables", e);
        }
    }

    static TableInfo tableInfo(ResultSet rs) throws SQLException {
        return new TableInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7));
    }

    /** Registers a new table and writes its version 0 (commitInfo, protocol, metaData). */
    public CommitResult createTable(CreateTableRequest request, Protocol protocol, Metadata metadata) {
        return commit(List.of(new NewTable(request, protocol, metadata, List.of())), List.of()).get(0);
    }

    /**
     * A table to create inside a commit: its definition, the protocol and metaData of its version 0
     * and any further actions (files) that version 0 carries.
     */
    public record NewTable(CreateTableRequest request, Protocol protocol, Metadata metadata, List<Action> initialActions) {
        CommitRequest versionZero() {
            CommitRequest.Builder b = CommitRequest.builder(request.name(), 0)
                    .add(protocol).add(metadata).addAll(initialActions)
                    .operation(initialActions.isEmpty() ? "CREATE TABLE" : "CREATE TABLE AS SELECT")
                    .operationParameter("partitionBy", toJson(request.partitionColumns()))
                    .operationParameter("description", request.description() == null ? "" : request.description())
                    .operationParameter("properties", toJson(request.properties()));
            return b.build();
        }
    }

    private TableInfo insertTable(Connection c, CreateTableRequest request, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TableSql.INSERT_TABLE)) {
            bind(ps, request.name(), request.location(), UUID.randomUUID().toString().replace("-", ""), now, -1L, 0L);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (db.dialect().isUniqueViolation(e)) {
                throw new TableAlreadyExistsException(request.name());
            }
            throw e;
        }
        return findTable(c, request.name(), db.dialect().forUpdate()).orElseThrow();
    }

    /** Unregisters a table: its catalog rows go; its data files and {@code _delta_log} stay where they are. */
    public void dropTable(String name) {
        inTransaction("drop table '" + name + "'", List.of(), c -> {
            TableInfo t = findTable(c, name, db.dialect().forUpdate()).orElseThrow(() -> new TableNotFoundException(name));
            deleteTableRows(c, t);
            return List.of();
        });
    }

    private static void deleteTableRows(Connection c, TableInfo t) throws SQLException {
        for (String sql : TableSql.DELETE_TABLE_ROWS) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, t.id());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(TableSql.DELETE_TABLE)) {
            bind(ps, t.id());
            ps.executeUpdate();
        }
    }

    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    private void notifyListeners(Landed landed) {
        for (CommitListener l : listeners) {
            try {
                if (landed.versions().isEmpty()) {
                    l.committed(landed.results());
                } else {
                    l.committedVersions(landed.versions());
                }
            } catch (RuntimeException e) {
                LOG.warn("commit listener failed after {} committed: {}", landed.results(), e.toString());
            }
        }
    }

    /** Lets listeners record deferred work (the mirror's marks) before mirror state is read. */
    private void flushListeners() {
        for (CommitListener l : listeners) {
            try {
                l.flush();
            } catch (RuntimeException e) {
                LOG.warn("commit listener could not flush its deferred work: {}", e.toString());
            }
        }
    }

    /** Closes the table lookup's own connection (the catalog is closing, after its listeners). */
    public void closeLookup() {
        lookup.close();
    }

    /** Closes every listener (the catalog is closing); they finish or hand over their deferred work. */
    public void closeListeners() {
        for (CommitListener l : listeners) {
            try {
                l.close();
            } catch (RuntimeException e) {
                LOG.warn("commit listener failed to close: {}", e.toString());
            }
        }
    }

    /**
     * What a commit transaction returned: its results and, when this process wrote them, each
     * version's details (empty when the outcome had to be looked up after a failed COMMIT).
     */
    private record Landed(List<CommitResult> results, List<CommittedVersion> versions) {
    }

    /** Commits the requests (distinct tables) atomically: all land, or none does. */
    public List<CommitResult> commit(List<CommitRequest> requests) {
        return commit(List.of(), requests);
    }

    /**
     * Creates the new tables (each at version 0) and commits the requests, all in one database
     * transaction: every table is created and every commit lands, or nothing happens.
     */
    public List<CommitResult> commit(List<NewTable> creates, List<CommitRequest> requests) {
        if (requests.isEmpty() && creates.isEmpty()) {
            throw new InvalidRequestException("nothing to commit: no table has staged changes");
        }
        Set<String> names = new HashSet<>();
        List<PreparedCommit> prepared = new ArrayList<>();
        List<PreparedCommit> created = new ArrayList<>();
        List<String> commitIds = new ArrayList<>();
        for (NewTable n : creates) {
            if (!names.add(n.request().name())) {
                throw new InvalidRequestException("Delta table '" + n.request().name() + "' appears twice in one transaction");
            }
            CommitRequest zero = n.versionZero();
            PreparedCommit p = CommitValidator.prepare(zero);
            CommitValidator.checkVersionZero(p);
            created.add(p);
            commitIds.add(zero.commitId());
        }
        for (CommitRequest r : requests) {
            if (!names.add(r.table())) {
                throw new InvalidRequestException("Delta table '" + r.table() + "' appears twice in one transaction");
            }
            prepared.add(CommitValidator.prepare(r));
            commitIds.add(r.commitId());
        }
        // A fixed lock order keeps transactions over overlapping tables from deadlocking.
        prepared.sort(Comparator.comparing(PreparedCommit::table));
        Map<String, CreateTableRequest> definitions = new HashMap<>();
        creates.forEach(n -> definitions.put(n.request().name(), n.request()));
        Landed landed = inTransaction(describe(creates, names), commitIds, c -> {
            List<CommitWriter.Staged> staged = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (PreparedCommit p : created) {
                checkFilePaths(p, definitions.get(p.table()).location());
                staged.add(new CommitWriter.Staged(insertTable(c, definitions.get(p.table()), now), null, p));
            }
            Map<String, TableInfo> heads = prepared.isEmpty() ? Map.of()
                    : lockHeads(c, prepared.stream().map(PreparedCommit::table).toList());
            for (PreparedCommit p : prepared) {
                TableInfo head = heads.get(p.table());
                if (head == null) {
                    throw new TableNotFoundException(p.table());
                }
                long read = p.request().readVersion();
                if (read > head.headVersion()) {
                    throw new VersionNotFoundException("Delta table '" + head.name() + "': commit read at version " + read
                            + ", which does not exist (latest is " + head.headVersion() + ")");
                }
                checkFilePaths(p, head.location());
                SnapshotHeader base = headers.header(c, head, head.headVersion());
                CommitValidator.checkAgainst(p, base);
                SchemalessTables.checkCommit(p, base);
                ConflictChecker.check(c, head, p);
                staged.add(new CommitWriter.Staged(head, base, p));
            }
            return CommitWriter.writeAll(c, staged, now);
        });
        notifyListeners(landed); // a version 0 is a commit too: the mirror writes it right away
        return landed.results();
    }

    /**
     * New files (data files, their deletion vectors stored by absolute path, change-data files) must
     * lie in the table's directory or an allowed location. Removed files are not checked again: a
     * remove must name an active file (CommitWriter refuses others), which was checked when it was
     * added or came from an imported Delta log, and stays removable.
     */
    private void checkFilePaths(PreparedCommit p, String location) {
        FilePathRules rules = FilePathRules.of(p.table(), p.request().readVersion(), location, db.config().allowedLocations());
        for (AddFile add : p.adds()) {
            rules.check(add.path());
            DeletionVectorDescriptor dv = add.deletionVector();
            if (dv != null && "p".equals(dv.storageType())) {
                rules.check(dv.pathOrInlineDv());
            }
        }
        for (Action a : p.actions()) {
            if (a instanceof AddCdcFile cdc) {
                rules.check(cdc.path());
            }
        }
    }

    private static String describe(List<NewTable> creates, Set<String> names) {
        if (creates.size() == 1 && names.size() == 1) {
            return "create table '" + creates.get(0).request().name() + "'";
        }
        return (creates.isEmpty() ? "commit to " : "create and commit to ") + names;
    }

    /**
     * Locks the head rows of {@code names} (sorted) in one round trip, in name order, and refuses a
     * table blocked by an outside writer. Tables that do not exist are absent from the result.
     */
    private Map<String, TableInfo> lockHeads(Connection c, List<String> names) throws SQLException {
        Map<String, TableInfo> heads = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(TableSql.lockHeads(names.size(), db.dialect().forUpdate()))) {
            bind(ps, names.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableInfo head = tableInfo(rs);
                    String blocked = rs.getString(8);
                    if (blocked != null) {
                        throw new InvalidRequestException("Delta table '" + head.name() + "' does not accept commits: "
                                + blocked + "; re-import it to continue", "55000");
                    }
                    heads.put(head.name(), head);
                }
            }
        }
        return heads;
    }

    // ---- import

    /**
     * Registers a table written by another engine with its versions, in one database transaction:
     * all of them land, or nothing does.
     */
    public TableInfo importTable(String name, String location, List<ImportedVersion> versions, boolean replace) {
        if (versions.isEmpty()) {
            throw new InvalidRequestException("Delta table '" + name + "': nothing to import");
        }
        inTransaction("import table '" + name + "'", List.of(), c -> {
            if (replace) {
                TableInfo old = findTable(c, name, db.dialect().forUpdate()).orElseThrow(() -> new TableNotFoundException(name));
                deleteTableRows(c, old);
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement(TableSql.INSERT_TABLE)) {
                bind(ps, name, location, UUID.randomUUID().toString().replace("-", ""), now,
                        versions.get(0).version() - 1, 0L);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (db.dialect().isUniqueViolation(e)) {
                    throw new TableAlreadyExistsException(name);
                }
                throw e;
            }
            TableInfo head = findTable(c, name, db.dialect().forUpdate()).orElseThrow();
            replay(c, new ReplayWriter.Replayed(head, 0, 0), true, versions);
            return List.of();
        });
        return findTable(name).orElseThrow();
    }

    /** Appends versions another engine committed after the catalog's head (catch-up of an imported table). */
    public TableInfo appendImported(String name, List<ImportedVersion> versions) {
        if (versions.isEmpty()) {
            return findTable(name).orElseThrow(() -> new TableNotFoundException(name));
        }
        inTransaction("catch up table '" + name + "'", List.of(), c -> {
            TableInfo head = findTable(c, name, db.dialect().forUpdate()).orElseThrow(() -> new TableNotFoundException(name));
            long[] counts = countsAt(c, head);
            replay(c, new ReplayWriter.Replayed(head, counts[0], counts[1]), false, versions);
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.BLOCK_TABLE)) {
                bind(ps, SqlRunner.NULL_TEXT, head.id());
                ps.executeUpdate();
            }
            return List.of();
        });
        return findTable(name).orElseThrow();
    }

    private static void replay(Connection c, ReplayWriter.Replayed start, boolean first, List<ImportedVersion> versions)
            throws SQLException {
        ReplayWriter.Replayed state = start;
        boolean isFirst = first;
        for (ImportedVersion v : versions) {
            state = ReplayWriter.write(c, state, isFirst, v);
            isFirst = false;
        }
    }

    private static long[] countsAt(Connection c, TableInfo head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CommitSql.COMMIT_AT)) {
            bind(ps, head.id(), head.headVersion());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(3), rs.getLong(4)} : new long[] {0, 0};
            }
        }
    }

    // ---- mirror status

    /** The original JSON lines of one version, in commit order: exactly what its {@code _delta_log} file holds. */
    public List<String> actionLines(TableInfo table, long version) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(LogSql.LINES_OF_VERSION)) {
            bind(ps, table.id(), version);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw db.failure("cannot read version " + version + " of table '" + table.name() + "'", e);
        }
    }

    public MirrorStatus mirrorStatus(TableInfo table) {
        flushListeners();
        try (Connection c = db.connection()) {
            long mirrored = -1;
            String blocked = null;
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.MIRROR_OF_TABLE)) {
                bind(ps, table.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        mirrored = rs.getLong(1);
                        blocked = rs.getString(2);
                    }
                }
            }
            List<MirrorStatus.PendingVersion> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.PENDING_MIRRORS_OF_TABLE)) {
                bind(ps, table.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new MirrorStatus.PendingVersion(table.name(), rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            return new MirrorStatus(table.name(), table.headVersion(), mirrored, pending, blocked);
        } catch (SQLException e) {
            throw db.failure("cannot read the mirror status of table '" + table.name() + "'", e);
        }
    }

    /** Every committed version not yet mirrored, by table and version. */
    public List<MirrorStatus.PendingVersion> pendingMirrors() {
        flushListeners();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(MirrorSql.PENDING_MIRRORS);
             ResultSet rs = ps.executeQuery()) {
            List<MirrorStatus.PendingVersion> pending = new ArrayList<>();
            while (rs.next()) {
                pending.add(new MirrorStatus.PendingVersion(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
            return pending;
        } catch (SQLException e) {
            throw db.failure("cannot list pending mirror work", e);
        }
    }

    /** Records that {@code version} is in the table's {@code _delta_log}. */
    public void markMirrored(TableInfo table, long version) {
        update("record the mirror of version " + version + " of table '" + table.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.MARK_MIRRORED)) {
                db.dialect().planEachExecution(ps);
                bind(ps, table.id(), version, version);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.ADVANCE_MIRRORED)) {
                bind(ps, version, table.id(), version);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Records many versions as mirrored (the mirror's deferred marks): one short transaction per
     * table, which marks its versions and advances its mirrored version. One head row per
     * transaction: a transaction that updated several head rows deadlocked with multi-table
     * commits, which lock their head rows in name order. Marks of dropped tables change nothing.
     * The transactions do not wait for the database's log flush where they can avoid it: a lost
     * mark leaves its version pending, and the reconciler records it again.
     */
    public void markMirrored(List<MirrorStatus.Mark> marks) {
        Map<Long, List<Long>> byTable = new TreeMap<>();
        marks.forEach(m -> byTable.computeIfAbsent(m.tableId(), k -> new ArrayList<>()).add(m.version()));
        for (Map.Entry<Long, List<Long>> table : byTable.entrySet()) {
            markMirrored(table.getKey(), table.getValue());
        }
    }

    /** The versions as runs of consecutive ones, {first, last} each, ascending: one update per run. */
    static List<long[]> consecutiveRuns(Collection<Long> versions) {
        long[] sorted = versions.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            runs.add(new long[] {sorted[i], sorted[j]});
            i = j + 1;
        }
        return runs;
    }

    private void markMirrored(long tableId, List<Long> versions) {
        long newest = versions.stream().mapToLong(Long::longValue).max().orElseThrow();
        update("record " + versions.size() + " mirrored version(s)", c -> {
            c.setAutoCommit(false);
            try {
                // A mark lost in a crash is rebuilt: the reconciler finds the identical file and records it again.
                db.dialect().relaxDurability(c);
                try (PreparedStatement ps = c.prepareStatement(MirrorSql.MARK_MIRRORED)) {
                    db.dialect().planEachExecution(ps);
                    for (long[] run : consecutiveRuns(versions)) {
                        bind(ps, tableId, run[0], run[1]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(MirrorSql.ADVANCE_MIRRORED)) {
                    bind(ps, newest, tableId, newest);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                resetQuietly(c);
            }
        });
    }

    /** Records why mirroring {@code version} failed; it stays pending. */
    public void markMirrorFailed(TableInfo table, long version, String error) {
        update("record a mirror failure of table '" + table.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.MARK_MIRROR_FAILED)) {
                bind(ps, printable(error), table.id(), version);
                ps.executeUpdate();
            }
        });
    }

    /** Stops commits to a table whose {@code _delta_log} gained a version deltasql did not write. */
    public void block(TableInfo table, String reason) {
        update("block table '" + table.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.BLOCK_TABLE)) {
                bind(ps, printable(reason), table.id());
                ps.executeUpdate();
            }
        });
    }

    /** A reason recorded for operators must get stored whatever it quotes: NUL (refused as catalog text) shown as '?'. */
    private static String printable(String reason) {
        return reason == null ? null : reason.replace('\0', '?');
    }

    private void update(String what, Dialect.SqlWork work) {
        try (Connection c = db.connection()) {
            work.run(c);
        } catch (SQLException e) {
            throw db.failure("could not " + what + " in", e);
        }
    }

    @FunctionalInterface
    private interface TransactionBody {
        List<CommitWriter.Written> run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code body} in one database transaction, retrying the whole of it on transient
     * failures (lock timeouts, deadlocks, SQLITE_BUSY). If the final COMMIT fails, looks for
     * {@code commitIds} before reporting: the commit may have landed.
     */
    private Landed inTransaction(String what, List<String> commitIds, TransactionBody body) {
        int attempts = db.config().maxCommitAttempts();
        SQLException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            List<CommitWriter.Written> written;
            try (Connection c = db.connection()) {
                boolean committing = false;
                try {
                    c.setAutoCommit(false);
                    written = body.run(c);
                    committing = true;
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    if (committing && !commitIds.isEmpty() && e instanceof SQLException) {
                        List<CommitResult> landed = commitIds.stream().map(this::findCommit)
                                .flatMap(Optional::stream).toList();
                        if (landed.size() == commitIds.size()) {
                            return new Landed(landed, List.of());
                        }
                    }
                    throw e;
                } finally {
                    resetQuietly(c);
                }
            } catch (DeltaSqlException e) {
                throw e;
            } catch (SQLException e) {
                if (db.dialect().isUniqueViolation(e)) {
                    for (String id : commitIds) {
                        Optional<CommitResult> earlier = findCommit(id);
                        if (earlier.isPresent()) {
                            throw new InvalidRequestException("commit id '" + id + "' was already used by version "
                                    + earlier.get().version() + " of Delta table '" + earlier.get().table()
                                    + "'; nothing was committed");
                        }
                    }
                } else if (!db.dialect().isTransient(e)) {
                    throw failure(what, e);
                }
                last = e;
                backoff(attempt);
                continue;
            }
            written.forEach(w -> headers.committed(w.header()));
            return new Landed(written.stream().map(CommitWriter.Written::result).toList(), written.stream()
                    .map(w -> new CommittedVersion(w.result(), w.header().table(), w.lines(), w.header().metadata())).toList());
        }
        throw new CatalogException("could not " + what + " after " + attempts + " attempts: the catalog stayed busy ("
                + (last == null ? "" : last.getMessage()) + "); nothing was committed", "40001", true, last);
    }

    private DeltaSqlException failure(String what, SQLException e) {
        String state = Dialect.sqlState(e);
        // 57P01-57P05 (PostgreSQL: the server ended the session, e.g. pg_terminate_backend) lose the
        // connection as much as class 08 does: report them as the catalog being unavailable.
        if (state.startsWith("08") || state.startsWith("57P")) {
            return db.failure("could not " + what + "; nothing was committed: catalog", e);
        }
        if (CatalogDatabase.isDataException(e)) {
            return db.refusedValue("could not " + what + "; nothing was committed", e);
        }
        return new CatalogException("could not " + what + " in catalog " + db.config().redactedUrl() + ": " + e.getMessage()
                + "; nothing was committed", state.isEmpty() ? "XX000" : state, false, e);
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + Math.min(attempt, 10) * 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while retrying a commit; nothing was committed", "57014", true, e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // A broken connection rolled back on its own; the pool will evict it.
        }
    }

    private static void resetQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // As above.
        }
    }

    /** The commit recorded with {@code commitId}, if it landed. */
    public Optional<CommitResult> findCommit(String commitId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(CommitSql.COMMIT_BY_ID)) {
            bind(ps, commitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CommitResult(rs.getString(1), rs.getLong(2), rs.getLong(3), commitId))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw db.failure("cannot look up commit " + commitId + " in the catalog", e);
        }
    }

    /** The table's versions, newest first; {@code limit <= 0} means all. */
    public List<HistoryEntry> history(TableInfo table, int limit) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(CommitSql.HISTORY)) {
            // SQLite refuses a fetch size above the row limit.
            ps.setFetchSize(limit > 0 ? Math.min(limit, db.config().fetchSize()) : db.config().fetchSize());
            if (limit > 0) {
                ps.setMaxRows(limit);
            }
            bind(ps, table.id());
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String json = rs.getString(4);
                    CommitInfo info = json == null ? null : (CommitInfo) ActionCodec.parse(json);
                    entries.add(new HistoryEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), info, rs.getLong(5),
                            rs.getLong(6), rs.getInt(7) != 0));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw db.failure("cannot read the history of table '" + table.name() + "'", e);
        }
    }

    /** The latest version committed at or before {@code timestampMillis}. */
    public long versionAsOf(TableInfo table, long timestampMillis) {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(CommitSql.VERSION_AS_OF)) {
                bind(ps, table.id(), timestampMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return v;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(CommitSql.EARLIEST_COMMIT)) {
                bind(ps, table.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    throw new VersionNotFoundException("Delta table '" + table.name() + "' has no version as of "
                            + java.time.Instant.ofEpochMilli(timestampMillis) + ": its first commit (version " + rs.getLong(1)
                            + ") is at " + java.time.Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot resolve a timestamp of table '" + table.name() + "'", e);
        }
    }

    /** The actions of one version in commit order, as stored. */
    public List<Action> actions(TableInfo table, long version) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(LogSql.ACTIONS_OF_VERSION)) {
            bind(ps, table.id(), version);
            List<Action> actions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(ActionCodec.parse(rs.getString(1)));
                }
            }
            return actions;
        } catch (SQLException e) {
            throw db.failure("cannot read version " + version + " of table '" + table.name() + "'", e);
        }
    }

    private static String toJson(Object value) {
        try {
            return ActionCodec.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The default format of new tables. */
    public static Format parquet() {
        return new Format("parquet", Map.of(), Map.of());
    }
}
