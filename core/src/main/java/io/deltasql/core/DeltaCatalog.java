package io.deltasql.core;

import io.deltasql.core.internal.commit.CatalogManagedRules;
import io.deltasql.core.internal.commit.NewTables;
import io.deltasql.core.internal.snapshot.CatalogSnapshot;
import io.deltasql.core.internal.snapshot.SnapshotCache;
import io.deltasql.core.internal.storage.NewLocationChecks;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.store.CatalogDatabase;
import io.deltasql.core.internal.store.CatalogStore;
import io.deltasql.core.internal.store.NewTable;
import io.deltasql.core.internal.store.SnapshotHeader;
import io.deltasql.core.internal.store.SnapshotReader;
import io.deltasql.core.location.CanonicalLocation;
import io.deltasql.core.location.TableLocationRules;
import io.deltasql.core.protocol.Action;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog of Delta tables whose transaction logs live in a SQL database: create, list and drop
 * tables; read snapshots at the latest version, any version or any time; commit to one table or
 * atomically to many. Thread-safe; open one per process and close it at shutdown.
 *
 * <pre>{@code
 * try (DeltaCatalog catalog = DeltaCatalog.open(CatalogConfig.builder("jdbc:sqlite:/tmp/catalog.db").build())) {
 *     catalog.createTable(new CreateTableRequest("events", "/data/events", schemaJson));
 *     Snapshot s = catalog.snapshot("events");
 *     catalog.commit(CommitRequest.builder("events", s.version()).add(addFile).build());
 * }
 * }</pre>
 */
public final class DeltaCatalog implements AutoCloseable {
    private final CatalogDatabase db;
    private final SnapshotReader reader;
    private final SnapshotCache cache;
    private final CatalogStore store;
    private final AsyncDeltaCatalog async;

    private DeltaCatalog(CatalogDatabase db) {
        this.db = db;
        this.reader = new SnapshotReader(db);
        this.cache = new SnapshotCache(db.config(), reader);
        this.store = CatalogStore.open(db, cache);
        this.async = new AsyncDeltaCatalog(this, db.config());
    }

    /** Opens (and on first use creates or migrates) the catalog described by {@code config}. */
    public static DeltaCatalog open(CatalogConfig config) {
        return new DeltaCatalog(CatalogDatabase.open(config));
    }

    /** Opens the embedded default catalog (see {@link CatalogConfig#embeddedDefault()}). */
    public static DeltaCatalog openEmbedded() {
        return open(CatalogConfig.embeddedDefault().build());
    }

    public CatalogConfig config() {
        return db.config();
    }

    // ---- tables

    /** Creates a Delta table as version 0 (commitInfo, protocol, metaData). */
    public TableInfo createTable(CreateTableRequest request) {
        NewTables.check(request);
        TableLocationRules.checkCreate(
                request.name(),
                request.location(),
                config().allowedLocations(),
                store.tables().list());
        NewLocationChecks.checkCreate(Storage.of(config()), request.name(), request.location());
        long now = System.currentTimeMillis();
        store.commits().createTable(request, NewTables.protocolFor(request), NewTables.metadataFor(request, now));
        return table(request.name());
    }

    /** All registered tables, by name. */
    public List<TableInfo> listTables() {
        return store.tables().list();
    }

    public Optional<TableInfo> findTable(String name) {
        return store.tables().find(name);
    }

    /** The named table; {@link TableNotFoundException} if it is not registered. */
    public TableInfo table(String name) {
        return store.tables().find(name).orElseThrow(() -> new TableNotFoundException(name));
    }

    /** Unregisters a table; its files and {@code _delta_log} are left untouched. */
    public void dropTable(String name) {
        TableInfo t = table(name);
        store.tables().drop(name);
        cache.invalidate(t.id());
    }

    // ---- snapshots

    /** The latest snapshot: one indexed lookup of the head version, then the cache. */
    public Snapshot snapshot(String table) {
        TableInfo t = table(table);
        return snapshot(t, t.headVersion());
    }

    /** The snapshot at {@code version}. */
    public Snapshot snapshotAt(String table, long version) {
        TableInfo t = table(table);
        requireVersion(t, version);
        return snapshot(t, version);
    }

    /** The snapshot of the latest version committed at or before {@code time}. */
    public Snapshot snapshotAsOf(String table, Instant time) {
        TableInfo t = table(table);
        return snapshot(t, store.history().versionAsOf(t, time.toEpochMilli()));
    }

    private static void requireVersion(TableInfo t, long version) {
        if (version < 0 || version > t.headVersion()) {
            throw new VersionNotFoundException("Delta table '" + t.name() + "' has no version " + version
                    + " (versions 0 to " + t.headVersion() + " exist)");
        }
    }

    private Snapshot snapshot(TableInfo t, long version) {
        SnapshotHeader cached = cache.cachedHeader(t, version);
        if (cached != null) {
            return new CatalogSnapshot(cached, cache, reader, db); // no connection borrowed for a cache hit
        }
        try (Connection c = db.connection()) {
            SnapshotHeader header = cache.header(c, t, version);
            return new CatalogSnapshot(header, cache, reader, db);
        } catch (SQLException e) {
            throw db.failure("cannot read table '" + t.name() + "' at version " + version + " from", e);
        }
    }

    /** Loads the latest snapshot (with its files) and the {@code recentVersions} before it into the cache. */
    public void preload(Collection<String> tables, int recentVersions) {
        for (String name : tables) {
            TableInfo t = table(name);
            long from = Math.max(0, t.headVersion() - Math.max(0, recentVersions));
            for (long v = from; v <= t.headVersion(); v++) {
                snapshot(t, v).files();
            }
        }
    }

    // ---- history

    /** Every version of the table, newest first. */
    public List<HistoryEntry> history(String table) {
        return store.history().history(table(table), 0);
    }

    /** The newest {@code limit} versions, newest first. */
    public List<HistoryEntry> history(String table, int limit) {
        return store.history().history(table(table), limit);
    }

    /** The actions of one version as committed (commitInfo first). */
    public List<Action> actions(String table, long version) {
        TableInfo t = table(table);
        requireVersion(t, version);
        return store.history().actions(t, version);
    }

    // ---- commits

    /** Commits to one table under Delta's conflict rules; returns the version it became. */
    public CommitResult commit(CommitRequest request) {
        return store.commits().commit(List.of(request)).get(0);
    }

    /** Commits to several tables in one database transaction: all land or none does. */
    public List<CommitResult> commitAll(List<CommitRequest> requests) {
        return store.commits().commit(requests);
    }

    /** Creates tables and commits to others in one database transaction: all of it happens or none. */
    public List<CommitResult> commitAll(
            List<MultiTableTransaction.NewTableRequest> creates, List<CommitRequest> requests) {
        List<NewTable> tables = new ArrayList<>();
        long now = System.currentTimeMillis();
        List<TableInfo> registered =
                creates.isEmpty() ? List.of() : store.tables().list();
        List<CreateTableRequest> checked = new ArrayList<>();
        List<CanonicalLocation> checkedLocations = new ArrayList<>();
        for (MultiTableTransaction.NewTableRequest n : creates) {
            NewTables.check(n.request());
            CanonicalLocation location = TableLocationRules.checkCreate(
                    n.request().name(), n.request().location(), config().allowedLocations(), registered);
            for (int i = 0; i < checked.size(); i++) {
                TableLocationRules.checkDistinct(
                        n.request().name(),
                        n.request().location(),
                        location,
                        checked.get(i).name(),
                        checked.get(i).location(),
                        checkedLocations.get(i));
            }
            NewLocationChecks.checkCreate(
                    Storage.of(config()), n.request().name(), n.request().location());
            checked.add(n.request());
            checkedLocations.add(location);
            tables.add(new NewTable(
                    n.request(),
                    NewTables.protocolFor(n.request()),
                    NewTables.metadataFor(n.request(), now),
                    n.initialActions()));
        }
        return store.commits().commit(tables, requests);
    }

    /** A transaction that stages commits to any number of tables and applies them atomically. */
    public MultiTableTransaction beginTransaction() {
        return new MultiTableTransaction(this);
    }

    /** The commit recorded under {@code commitId}, if it landed (for callers whose commit outcome is unknown). */
    public Optional<CommitResult> findCommit(String commitId) {
        return store.history().findCommit(commitId);
    }

    // ---- catalog-managed tables

    /** The catalog-managed table whose table id ({@code io.unitycatalog.tableId}) is {@code tableId}. */
    public Optional<TableInfo> findTableById(String tableId) {
        String uuid;
        try {
            uuid = CatalogManagedRules.uuidOf("table id", tableId);
        } catch (InvalidRequestException notAUuid) {
            return Optional.empty();
        }
        return store.tables().findByUuid(uuid);
    }

    /**
     * Ratifies a catalog-managed table's staged commit as its next version (see
     * {@link StagedCommit}); a version already taken is a {@link CommitConflictException}.
     */
    public CommitResult ratifyStagedCommit(StagedCommit staged) {
        return store.staged().ratify(staged);
    }

    /** The table's versions after {@code after} up to {@code upTo}, with the staged files of those that have one. */
    public List<UnpublishedVersion> versionsAfter(String table, long after, long upTo) {
        return store.staged().after(table(table), after, upTo);
    }

    /** Records the staged file deltasql wrote for one of its versions; returns the version's staged file (an earlier one wins). */
    public StagedCommitFile recordStagedCommit(String table, StagedCommitFile file) {
        return store.staged().recordStaged(table(table), file);
    }

    // ---- import and mirror

    /** Registers a table written by another engine with its versions, all or nothing. */
    public TableInfo importTable(String name, String location, List<ImportedVersion> versions) {
        NewTables.checkName(name);
        NewTables.checkLocation(name, location);
        TableLocationRules.checkImport(
                name, location, config().allowedLocations(), store.tables().list());
        NewLocationChecks.checkImport(name, location);
        return store.imports().importTable(name, location, versions, false);
    }

    /**
     * Replaces a registered table by a fresh import of its log, in one transaction: what the
     * catalog had of it is dropped only if the import succeeds. This is how a table blocked by an
     * outside writer that rewrote a version deltasql had committed is brought back.
     */
    public TableInfo reimportTable(String name, String location, List<ImportedVersion> versions) {
        TableInfo old = table(name);
        NewTables.checkLocation(name, location);
        TableLocationRules.checkImport(
                name, location, config().allowedLocations(), store.tables().list());
        NewLocationChecks.checkImport(name, location);
        TableInfo t = store.imports().importTable(name, location, versions, true);
        cache.invalidate(old.id());
        return t;
    }

    /** Appends versions another engine committed after the catalog's head, and lifts a block set for an outside writer. */
    public TableInfo appendImported(String name, List<ImportedVersion> versions) {
        return store.imports().appendImported(name, versions);
    }

    /**
     * The log's actions of versions {@code from..to} (inclusive) in log order, optionally only
     * those of the given kinds ({@code add}, {@code remove}, {@code metaData}, …), streamed.
     */
    public CloseableIterator<LogEntry> log(String table, long from, long to, Set<String> actionTypes) {
        TableInfo t = table(table);
        long last = Math.min(to, t.headVersion());
        if (from > last || last < 0) {
            return CloseableIterator.of(Collections.emptyIterator());
        }
        return reader.streamLog(t.id(), Math.max(0, from), last, actionTypes);
    }

    /** The original JSON lines of one version, exactly as its {@code _delta_log} file holds them. */
    public List<String> actionLines(String table, long version) {
        TableInfo t = table(table);
        requireVersion(t, version);
        return store.history().actionLines(t, version);
    }

    /**
     * Called after every commit (the mirror is one such listener); flushed before
     * {@link #mirrorStatus} and {@link #pendingMirrors} read, and closed when the catalog closes.
     */
    public void addCommitListener(CommitListener listener) {
        store.listeners().add(listener);
    }

    /**
     * The mirror's record in the catalog, which the mirror reads and writes directly. Unlike
     * {@link #mirrorStatus}, its reads do not flush the commit listeners first.
     */
    public MirrorLedger mirrorLedger() {
        return store.mirrorLedger();
    }

    /** How far the table's {@code _delta_log} is mirrored, after the listeners recorded what they deferred. */
    public MirrorStatus mirrorStatus(String table) {
        store.listeners().flush();
        return store.mirrorLedger().status(table(table));
    }

    /** Committed versions of every table not yet written to their {@code _delta_log}, in order. */
    public List<MirrorStatus.PendingVersion> pendingMirrors() {
        store.listeners().flush();
        return store.mirrorLedger().pending();
    }

    public void markMirrored(String table, long version) {
        TableInfo t = table(table);
        store.mirrorLedger().markMirrored(List.of(new MirrorStatus.Mark(t.id(), t.name(), version)));
    }

    /** Records versions (of any tables) as written to their logs, one short transaction per table. */
    public void markMirrored(List<MirrorStatus.Mark> marks) {
        store.mirrorLedger().markMirrored(marks);
    }

    public void markMirrorFailed(String table, long version, String error) {
        store.mirrorLedger().markMirrorFailed(table(table), version, error);
    }

    /** Refuses further commits to {@code table} until it is re-imported (an outside writer was found). */
    public void blockCommits(String table, String reason) {
        store.mirrorLedger().block(table(table), reason);
    }

    // ---- operations

    /** The same operations as futures on a bounded executor, with per-call timeouts. */
    public AsyncDeltaCatalog async() {
        return async;
    }

    /** Cache and pool statistics. */
    public CatalogStats stats() {
        return new CatalogStats(cache.headerStatistics(), cache.fileStatistics(), db.poolStats());
    }

    /** Closes the commit listeners first (the mirror records its deferred work), then the executor and the pool. */
    @Override
    public void close() {
        store.listeners().close();
        async.shutdown();
        reader.close();
        store.tables().close();
        db.close();
    }
}
