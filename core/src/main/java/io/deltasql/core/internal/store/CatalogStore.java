package io.deltasql.core.internal.store;

/**
 * The catalog store's parts, each with one job, wired once per catalog:
 * <ul>
 *   <li>{@link TableRegistry} — find, list, register and drop tables;</li>
 *   <li>{@link CommitProtocol} — validate, lock heads, check conflicts, write, publish;</li>
 *   <li>{@link TableHistory} — history, time travel, one version's actions, a commit by id;</li>
 *   <li>{@link TableImports} — tables and versions another engine wrote;</li>
 *   <li>{@link StagedCommits} — catalog-managed tables' commits staged by their clients;</li>
 *   <li>{@link CatalogMirrorLedger} — the mirror's record of what is in each {@code _delta_log};</li>
 *   <li>{@link CommitListeners} — who is told of each commit.</li>
 * </ul>
 * Every transaction of theirs runs through one {@link TransactionRunner} (attempts, backoff, the
 * unknown outcome of a failed COMMIT).
 */
public record CatalogStore(
        TableRegistry tables,
        CommitProtocol commits,
        TableHistory history,
        TableImports imports,
        StagedCommits staged,
        CatalogMirrorLedger mirrorLedger,
        CommitListeners listeners) {

    /** The store of {@code db}, taking snapshot headers from (and reporting new ones to) {@code headers}. */
    public static CatalogStore open(CatalogDatabase db, HeaderSource headers) {
        TableHistory history = new TableHistory(db);
        TransactionRunner transactions = new TransactionRunner(db, history);
        TableRegistry tables = new TableRegistry(db, transactions);
        CommitListeners listeners = new CommitListeners();
        return new CatalogStore(
                tables,
                new CommitProtocol(db, headers, tables, transactions, listeners),
                history,
                new TableImports(tables, transactions),
                new StagedCommits(db, headers, transactions, listeners),
                new CatalogMirrorLedger(db),
                listeners);
    }
}
