package io.deltasql.calcite;

import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableNotFoundException;
import java.util.Map;
import java.util.function.Function;

/**
 * One SQL connection's state over a shared catalog: its autocommit mode and its open transaction.
 * With autocommit on, reads see the latest versions and each DML statement is one Delta commit;
 * with it off, the first statement opens a transaction that {@link #commit()} applies atomically.
 * Like a JDBC connection, a session is used by one thread at a time.
 */
public final class DeltaSession {
    private final DeltaCatalog catalog;
    private boolean autoCommit = true;
    private volatile boolean readOnly;
    private SqlTransaction transaction;
    private SqlTransaction statement;
    private final PlanCache plans = new PlanCache();
    /** The statement execution running on each thread, if any (JDBC lets several threads share a connection). */
    private final ThreadLocal<StatementSnapshots> executions = new ThreadLocal<>();

    public DeltaSession(DeltaCatalog catalog) {
        this.catalog = catalog;
    }

    public DeltaCatalog catalog() {
        return catalog;
    }

    /** The plans of queries this connection ran, reused when the same SQL comes again. */
    PlanCache plans() {
        return plans;
    }

    /** A read-only session (a server's reader role) refuses every statement that would commit. */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Refuses a change on a read-only session with SQLState 42501. */
    void checkWritable(String what) {
        if (readOnly) {
            throw DeltaSqlErrors.permissionDenied(
                    "permission denied: this connection is read-only and cannot " + what + "; nothing was changed");
        }
    }

    public synchronized boolean autoCommit() {
        return autoCommit;
    }

    /** Switching autocommit on commits an open transaction, as JDBC specifies. */
    public synchronized void setAutoCommit(boolean on) {
        if (on && !autoCommit) {
            commit();
        }
        autoCommit = on;
    }

    /** Applies the open transaction as one atomic commit; the versions it created, by table. */
    public synchronized Map<String, CommitResult> commit() {
        SqlTransaction t = transaction;
        transaction = null;
        return t == null ? Map.of() : t.commit();
    }

    /** Discards the open transaction's staged work. */
    public synchronized void rollback() {
        transaction = null;
    }

    /** Whether a transaction with staged changes is open. */
    public synchronized boolean inTransaction() {
        return transaction != null && transaction.hasChanges();
    }

    /** The transaction reads and writes belong to now, or null when reads should see the latest versions. */
    synchronized SqlTransaction current() {
        if (statement != null) {
            return statement;
        }
        if (autoCommit) {
            return null;
        }
        if (transaction == null) {
            transaction = new SqlTransaction(catalog, this::latest);
        }
        return transaction;
    }

    /** What a statement sees of {@code table}: its latest snapshot, or the transaction's pinned and staged view. */
    TableView view(String table) {
        SqlTransaction t = current();
        return t == null ? TableView.of(latest(table)) : t.view(table);
    }

    /** The latest committed snapshot, or the one the transaction pinned. */
    Snapshot snapshot(String table) {
        SqlTransaction t = current();
        return t == null ? latest(table) : t.pending(table).view().base();
    }

    /**
     * Whether a committed table has this exact name; within a statement execution this is the
     * execution's head lookup of the table, which its plan check, view and commit then share.
     */
    boolean committedTableExists(String table) {
        StatementSnapshots running = executions.get();
        if (running == null) {
            return catalog.findTable(table).isPresent();
        }
        try {
            running.snapshot(table, catalog::snapshot);
            return true;
        } catch (TableNotFoundException e) {
            return false;
        }
    }

    /** The latest committed snapshot; within a statement execution, the one it read first. */
    private Snapshot latest(String table) {
        StatementSnapshots running = executions.get();
        return running == null ? catalog.snapshot(table) : running.snapshot(table, catalog::snapshot);
    }

    /**
     * Starts one statement execution on this thread (the JDBC layer calls this around each
     * execute): until the returned scope is closed, the execution reads each table under
     * autocommit at one version, the latest when it first reads it, with one head lookup. An
     * execution already running on this thread keeps its scope, and the nested one closes nothing.
     */
    public StatementScope beginStatement() {
        if (executions.get() != null) {
            return () -> {};
        }
        executions.set(new StatementSnapshots());
        return executions::remove;
    }

    /** The end of a statement execution's reads; closing it never fails. */
    public interface StatementScope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs one DML statement: in the open transaction, or under autocommit in a transaction of its
     * own that is committed when the statement's changes are staged. A statement that fails stages
     * nothing.
     */
    synchronized long runStatement(Function<SqlTransaction, Long> body) {
        checkWritable("change the catalog");
        if (!autoCommit) {
            return body.apply(current());
        }
        SqlTransaction own = new SqlTransaction(catalog, this::latest);
        statement = own;
        try {
            long count = body.apply(own);
            own.commit();
            return count;
        } finally {
            statement = null;
        }
    }
}
