package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CommitResult;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.VersionNotFoundException;
import io.deltasql.core.internal.commit.CatalogManagedRules;
import io.deltasql.core.internal.commit.CommitValidator;
import io.deltasql.core.internal.commit.PreparedCommit;
import io.deltasql.core.internal.commit.SchemalessTables;
import io.deltasql.core.location.FilePathRules;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddCdcFile;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The commit protocol. A commit of one table or many, with tables created in it, is one database
 * transaction (run by the {@link TransactionRunner}):
 * <ol>
 *   <li>validate each commit's own actions, before any database work ({@link CommitValidator});</li>
 *   <li>register the new tables and lock the other tables' head rows, in name order (no deadlocks
 *       between transactions over overlapping tables);</li>
 *   <li>check each commit against its table's head and, when versions landed after its read
 *       version, against Delta's conflict rules ({@link ConflictChecker});</li>
 *   <li>write every commit and advance the heads ({@link CommitWriter});</li>
 *   <li>once committed, publish: the new versions' headers to the snapshot cache, the commits to
 *       the listeners (the mirror).</li>
 * </ol>
 */
public final class CommitProtocol {
    private final CatalogDatabase db;
    private final HeaderSource headers;
    private final TableRegistry tables;
    private final TransactionRunner transactions;
    private final CommitListeners listeners;

    CommitProtocol(
            CatalogDatabase db,
            HeaderSource headers,
            TableRegistry tables,
            TransactionRunner transactions,
            CommitListeners listeners) {
        this.db = db;
        this.headers = headers;
        this.tables = tables;
        this.transactions = transactions;
        this.listeners = listeners;
    }

    /** Registers a new table and writes its version 0 (commitInfo, protocol, metaData). */
    public CommitResult createTable(CreateTableRequest request, Protocol protocol, Metadata metadata) {
        return commit(List.of(new NewTable(request, protocol, metadata, List.of())), List.of())
                .get(0);
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
            throw DeltaSqlErrors.invalid("nothing to commit: no table has staged changes");
        }
        Set<String> names = new HashSet<>();
        List<PreparedCommit> created = new ArrayList<>();
        List<PreparedCommit> prepared = new ArrayList<>();
        List<String> commitIds = new ArrayList<>();
        Map<String, CreateTableRequest> definitions = new HashMap<>();
        for (NewTable n : creates) {
            requireDistinct(names, n.request().name());
            CommitRequest zero = n.versionZero();
            PreparedCommit p = CommitValidator.prepare(zero);
            CommitValidator.checkVersionZero(p);
            created.add(p);
            commitIds.add(zero.commitId());
            definitions.put(n.request().name(), n.request());
        }
        for (CommitRequest r : requests) {
            requireDistinct(names, r.table());
            prepared.add(CommitValidator.prepare(r));
            commitIds.add(r.commitId());
        }
        // A fixed lock order keeps transactions over overlapping tables from deadlocking.
        prepared.sort(Comparator.comparing(PreparedCommit::table));
        Landed landed = transactions.run(
                describe(creates, names), commitIds, c -> write(c, created, definitions, prepared), Landed::lookedUp);
        landed.headers().forEach(headers::committed);
        listeners.published(landed); // a version 0 is a commit too: the mirror writes it right away
        return landed.results();
    }

    private static void requireDistinct(Set<String> names, String table) {
        if (!names.add(table)) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "' appears twice in one transaction");
        }
    }

    /** Steps 2 to 4, in the open transaction: every check passes before anything is planned and written. */
    private Landed write(
            Connection c,
            List<PreparedCommit> created,
            Map<String, CreateTableRequest> definitions,
            List<PreparedCommit> prepared)
            throws SQLException {
        long now = System.currentTimeMillis();
        Map<String, TableInfo> heads = new HashMap<>();
        Map<String, SnapshotHeader> bases = new HashMap<>(); // none for a new table
        for (PreparedCommit p : created) {
            CreateTableRequest definition = definitions.get(p.table());
            checkFilePaths(p, definition.location());
            String uuid =
                    CatalogManagedRules.catalogUuid("Delta table '" + p.table() + "'", p.protocol(), p.metadata());
            heads.put(p.table(), tables.register(c, definition.name(), definition.location(), uuid, -1L, now));
        }
        Map<String, TableInfo> locked = prepared.isEmpty()
                ? Map.of()
                : lockHeads(c, prepared.stream().map(PreparedCommit::table).toList());
        for (PreparedCommit p : prepared) {
            TableInfo head = locked.get(p.table());
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
            heads.put(p.table(), head);
            bases.put(p.table(), base);
        }
        List<CommitWriter.Planned> plans = Stream.concat(created.stream(), prepared.stream())
                .map(p -> CommitWriter.plan(heads.get(p.table()), bases.get(p.table()), p, now))
                .toList();
        return CommitWriter.writeAll(c, plans);
    }

    /**
     * New files (data files, their deletion vectors stored by absolute path, change-data files) must
     * lie in the table's directory or an allowed location. Removed files are not checked again: a
     * remove must name an active file (CommitWriter refuses others), which was checked when it was
     * added or came from an imported Delta log, and stays removable.
     */
    private void checkFilePaths(PreparedCommit p, String location) {
        FilePathRules rules = FilePathRules.of(
                p.table(), p.request().readVersion(), location, db.config().allowedLocations());
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
        try (PreparedStatement ps =
                c.prepareStatement(TableSql.lockHeads(names.size(), db.dialect().forUpdate()))) {
            bind(ps, names.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableInfo head = TableRegistry.tableInfo(rs);
                    String blocked = rs.getString(8);
                    if (blocked != null) {
                        throw DeltaSqlErrors.blocked("Delta table '" + head.name() + "' does not accept commits: "
                                + blocked + "; re-import it to continue");
                    }
                    heads.put(head.name(), head);
                }
            }
        }
        return heads;
    }
}
