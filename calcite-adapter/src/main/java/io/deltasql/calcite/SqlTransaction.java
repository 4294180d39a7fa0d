package io.deltasql.calcite;

import io.deltasql.core.CommitResult;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MultiTableTransaction;
import io.deltasql.core.ReadPredicate;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableAlreadyExistsException;
import io.deltasql.core.TableRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The work of one SQL transaction: tables pinned at the version first read, staged changes per
 * table, and tables to create. {@link #commit()} applies all of it as one atomic multi-table
 * Delta commit. Under autocommit, each DML statement runs in a transaction of its own.
 */
final class SqlTransaction {
    private final DeltaCatalog catalog;
    /** The latest committed snapshot of a table as the running statement sees it (one head lookup per statement). */
    private final Function<String, Snapshot> latest;

    private final Map<String, PendingTable> tables = new LinkedHashMap<>();

    SqlTransaction(DeltaCatalog catalog) {
        this(catalog, catalog::snapshot);
    }

    SqlTransaction(DeltaCatalog catalog, Function<String, Snapshot> latest) {
        this.catalog = catalog;
        this.latest = latest;
    }

    /** The table as this transaction sees it; the first call pins its latest committed snapshot. */
    TableView view(String table) {
        return pending(table).view();
    }

    PendingTable pending(String table) {
        PendingTable p = tables.get(table);
        if (p == null) {
            p = PendingTable.existing(latest.apply(table));
            tables.put(p.name(), p);
        }
        return p;
    }

    /** A table created by this transaction and not yet committed, if any by that name. */
    Optional<PendingTable> created(String table) {
        PendingTable p = tables.get(table);
        return p != null && p.isCreated() ? Optional.of(p) : Optional.empty();
    }

    Collection<PendingTable> createdTables() {
        return tables.values().stream().filter(PendingTable::isCreated).toList();
    }

    void recordRead(String table, ReadPredicate predicate) {
        pending(table).recordRead(predicate);
    }

    void stageCreate(CreateTableRequest request) {
        TableRules.checkCreate(request);
        if (tables.containsKey(request.name())
                || catalog.findTable(request.name()).isPresent()) {
            throw new TableAlreadyExistsException(request.name());
        }
        long now = System.currentTimeMillis();
        tables.put(
                request.name(),
                PendingTable.created(request, TableRules.metadataFor(request, now), TableRules.protocolFor(request)));
    }

    boolean hasChanges() {
        return tables.values().stream().anyMatch(PendingTable::hasChanges);
    }

    /** Applies every staged change atomically; the versions committed, by table. Empty when nothing was staged. */
    Map<String, CommitResult> commit() {
        if (!hasChanges()) {
            return Map.of();
        }
        MultiTableTransaction tx = catalog.beginTransaction();
        for (PendingTable p : tables.values()) {
            if (p.isCreated()) {
                tx.create(p.createRequest(), p.initialActions());
            } else if (p.hasChanges()) {
                tx.stage(p.commitRequest(null));
            }
        }
        return new LinkedHashMap<>(tx.commit());
    }
}
