package io.deltasql.core.internal.store;

import io.deltasql.core.DaemonThreads;
import io.deltasql.core.PoolStats;
import io.deltasql.core.SqlStates;
import io.deltasql.core.protocol.AddFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads a large file list as several queries over disjoint {@code file_key} ranges (keys are
 * uniformly distributed hex digests), each on its own pooled connection, so decoding the rows
 * uses more than one core. Each range is one statement and so one consistent read; a file
 * belongs to exactly one range, so the parts together are the whole list.
 */
final class ParallelFileLoad {
    /** Below this many files one query is about as fast. */
    static final long MIN_FILES = 20_000;

    private static final int MAX_PARTS = 4;
    private static final ExecutorService LOADERS =
            Executors.newCachedThreadPool(DaemonThreads.named("deltasql-file-load"));

    /** Loads one key range on a connection. */
    @FunctionalInterface
    interface RangeLoader {
        List<AddFile> load(Connection c, String fromKey, String toKey) throws SQLException;
    }

    private ParallelFileLoad() {}

    /**
     * How many parts to load {@code files} files in: one per core (at most {@link #MAX_PARTS}),
     * but only as many as the pool can lend without waiting, besides the caller's own connection.
     */
    static int parts(long files, PoolStats pool) {
        if (files < MIN_FILES) {
            return 1;
        }
        int spare = pool.idle() + Math.max(0, pool.maximum() - pool.total());
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(Math.min(cores, MAX_PARTS), 1 + spare));
    }

    /**
     * Runs {@code loader} over {@code parts} key ranges. The caller loads ranges on {@code own}
     * until none is left; helpers that get a pooled connection take ranges too. A helper never
     * holds up the caller: if the pool has no connection to lend (other work took it since
     * {@link #parts} looked), the caller loads every range itself, and waits only for ranges a
     * helper has already taken.
     */
    static List<AddFile> load(CatalogDatabase db, Connection own, int parts, RangeLoader loader) throws SQLException {
        if (parts <= 1) {
            return loader.load(own, null, null);
        }
        String[] bounds = bounds(parts);
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<List<AddFile>>> results = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            results.add(new CompletableFuture<>());
        }
        for (int i = 1; i < parts; i++) {
            LOADERS.execute(() -> {
                if (next.get() >= parts) {
                    return; // the caller has already taken every range
                }
                try (Connection c = db.connection()) {
                    takeRanges(c, next, bounds, loader, results);
                } catch (SQLException | RuntimeException e) {
                    // No connection to lend: the caller loads the ranges this helper would have taken.
                }
            });
        }
        takeRanges(own, next, bounds, loader, results);
        List<AddFile> files = new ArrayList<>();
        for (CompletableFuture<List<AddFile>> part : results) {
            files.addAll(join(part));
        }
        return files;
    }

    /** Loads ranges not taken yet, each completing its result (with the failure, if it fails). */
    private static void takeRanges(
            Connection c,
            AtomicInteger next,
            String[] bounds,
            RangeLoader loader,
            List<CompletableFuture<List<AddFile>>> results) {
        for (int i = next.getAndIncrement(); i < bounds.length; i = next.getAndIncrement()) {
            String to = i + 1 < bounds.length ? bounds[i + 1] : null;
            try {
                results.get(i).complete(loader.load(c, bounds[i], to));
            } catch (SQLException | RuntimeException e) {
                results.get(i).completeExceptionally(e);
            }
        }
    }

    /** Lower bounds of the ranges: none (null), then evenly spaced first hex digits. */
    private static String[] bounds(int parts) {
        String[] b = new String[parts];
        for (int i = 1; i < parts; i++) {
            b[i] = Integer.toHexString(i * 16 / parts);
        }
        return b;
    }

    private static List<AddFile> join(CompletableFuture<List<AddFile>> part) throws SQLException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading a file list", SqlStates.CONNECTION_EXCEPTION, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }
}
