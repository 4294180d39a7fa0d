package io.deltasql.core;

import io.deltasql.core.internal.commit.NewTables;
import io.deltasql.core.protocol.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stages commits to any number of tables and applies them at {@link #commit()} in one database
 * transaction: every table's conflict check passes and all land, or nothing does. Several
 * stagings for one table merge into one commit of that table. Not thread-safe.
 */
public final class MultiTableTransaction {
    private final DeltaCatalog catalog;
    private final Map<String, CommitRequest> staged = new LinkedHashMap<>();
    private final Map<String, NewTableRequest> creates = new LinkedHashMap<>();
    private boolean finished;

    MultiTableTransaction(DeltaCatalog catalog) {
        this.catalog = catalog;
    }

    /** Adds a table's actions to the transaction. */
    public MultiTableTransaction stage(CommitRequest request) {
        ensureOpen();
        staged.merge(request.table(), request, MultiTableTransaction::merge);
        return this;
    }

    /**
     * Creates a table as part of the transaction: its version 0 holds its protocol, metaData and
     * {@code initialActions} (files), and it exists only if the whole transaction commits.
     */
    public MultiTableTransaction create(CreateTableRequest request, List<? extends Action> initialActions) {
        ensureOpen();
        NewTables.check(request);
        if (creates.containsKey(request.name()) || staged.containsKey(request.name())) {
            throw DeltaSqlErrors.invalid("Delta table '" + request.name() + "' is already part of this transaction");
        }
        creates.put(request.name(), new NewTableRequest(request, List.copyOf(initialActions)));
        return this;
    }

    /** A table this transaction creates, with the actions its version 0 carries besides protocol and metaData. */
    public record NewTableRequest(CreateTableRequest request, List<Action> initialActions) {}

    /** Two stagings on one table: their actions in order, the older read version, both read sets. */
    private static CommitRequest merge(CommitRequest a, CommitRequest b) {
        List<Action> actions = new ArrayList<>(a.actions());
        actions.addAll(b.actions());
        Set<FileKey> read = new LinkedHashSet<>(a.readFiles());
        read.addAll(b.readFiles());
        Map<String, String> params = new LinkedHashMap<>(a.operationParameters());
        params.putAll(b.operationParameters());
        String operation = a.operation().equals(b.operation()) ? a.operation() : a.operation() + ", " + b.operation();
        return new CommitRequest(
                a.table(),
                Math.min(a.readVersion(), b.readVersion()),
                actions,
                a.readPredicate().or(b.readPredicate()),
                read,
                operation,
                params,
                a.commitId());
    }

    /** The staged commits, by table. */
    public Map<String, CommitRequest> staged() {
        return Map.copyOf(staged);
    }

    /** Applies everything staged atomically; the results by table name. */
    public Map<String, CommitResult> commit() {
        ensureOpen();
        finished = true;
        Map<String, CommitResult> results = new LinkedHashMap<>();
        for (CommitResult r : catalog.commitAll(new ArrayList<>(creates.values()), new ArrayList<>(staged.values()))) {
            results.put(r.table(), r);
        }
        return results;
    }

    /** Discards everything staged. */
    public void rollback() {
        finished = true;
        staged.clear();
        creates.clear();
    }

    private void ensureOpen() {
        if (finished) {
            throw DeltaSqlErrors.invalid("this transaction has already been committed or rolled back");
        }
    }
}
