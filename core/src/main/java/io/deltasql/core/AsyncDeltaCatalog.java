package io.deltasql.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The catalog's reads and commits as {@link CompletableFuture}s, for callers that fan out over
 * many tables. Calls run on a bounded executor (a full queue fails the future at once rather
 * than piling up work) and each future fails with a {@link java.util.concurrent.TimeoutException}
 * after its timeout. A commit that timed out may still land: look it up with
 * {@link DeltaCatalog#findCommit(String)} by the request's commit id before retrying.
 */
public final class AsyncDeltaCatalog {

    private final DeltaCatalog catalog;
    private final ThreadPoolExecutor executor;
    private final int queueSize;

    AsyncDeltaCatalog(DeltaCatalog catalog, CatalogConfig config) {
        this.catalog = catalog;
        this.queueSize = config.asyncQueueSize();
        this.executor = new ThreadPoolExecutor(
                config.asyncThreads(),
                config.asyncThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.asyncQueueSize()),
                DaemonThreads.named("deltasql-async"));
        executor.allowCoreThreadTimeOut(true);
    }

    public CompletableFuture<Snapshot> snapshot(String table, Duration timeout) {
        return run(() -> catalog.snapshot(table), timeout);
    }

    public CompletableFuture<Snapshot> snapshotAt(String table, long version, Duration timeout) {
        return run(() -> catalog.snapshotAt(table, version), timeout);
    }

    public CompletableFuture<List<HistoryEntry>> history(String table, Duration timeout) {
        return run(() -> catalog.history(table), timeout);
    }

    public CompletableFuture<CommitResult> commit(CommitRequest request, Duration timeout) {
        return run(() -> catalog.commit(request), timeout);
    }

    public CompletableFuture<List<CommitResult>> commitAll(List<CommitRequest> requests, Duration timeout) {
        return run(() -> catalog.commitAll(requests), timeout);
    }

    private <T> CompletableFuture<T> run(Supplier<T> call, Duration timeout) {
        try {
            return CompletableFuture.supplyAsync(call, executor).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new CatalogException(
                    "the catalog's async queue is full (" + queueSize + " calls waiting); retry later",
                    SqlStates.OVERLOADED,
                    true,
                    e));
        }
    }

    void shutdown() {
        executor.shutdown();
    }
}
