package io.deltasql.core.internal.store;

import io.deltasql.core.CatalogException;
import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs work in one catalog transaction. Transient database failures (lock timeouts, deadlocks,
 * SQLITE_BUSY) retry the whole transaction after a short random backoff, up to the configured
 * number of attempts. A COMMIT that fails leaves the outcome unknown: the commit may have landed,
 * so its commit ids are looked up before anything is reported, and a commit found is returned as
 * landed, never retried.
 */
final class TransactionRunner {
    /** The body of a transaction, run on a connection with autocommit off. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final CatalogDatabase db;
    private final TableHistory history;

    TransactionRunner(CatalogDatabase db, TableHistory history) {
        this.db = db;
        this.history = history;
    }

    /** Runs {@code work} in one transaction that records no commit ids (drop, import). */
    <T> T run(String what, Work<T> work) {
        return run(what, List.of(), work, found -> {
            throw new IllegalStateException("no commit ids to look up");
        });
    }

    /**
     * Runs {@code work} in one transaction writing the commits {@code commitIds}. When the final
     * COMMIT fails and every one of them is found landed, returns {@code landedAnyway} of them.
     */
    <T> T run(String what, List<String> commitIds, Work<T> work, Function<List<CommitResult>, T> landedAnyway) {
        int attempts = db.config().maxCommitAttempts();
        SQLException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Connection c = db.connection()) {
                return attempt(c, commitIds, work, landedAnyway);
            } catch (DeltaSqlException e) {
                throw e;
            } catch (SQLException e) {
                if (!retryable(e, commitIds)) {
                    throw db.transactionFailure("could not " + what, e);
                }
                last = e;
                backoff(attempt);
            }
        }
        throw new CatalogException(
                "could not " + what + " after " + attempts + " attempts: the catalog stayed busy ("
                        + (last == null ? "" : last.getMessage()) + "); nothing was committed",
                SqlStates.CONFLICT,
                true,
                last);
    }

    private <T> T attempt(
            Connection c, List<String> commitIds, Work<T> work, Function<List<CommitResult>, T> landedAnyway)
            throws SQLException {
        boolean committing = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            committing = true;
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            if (committing && e instanceof SQLException) {
                Optional<List<CommitResult>> landed = landed(commitIds);
                if (landed.isPresent()) {
                    return landedAnyway.apply(landed.get());
                }
            }
            throw e;
        } finally {
            resetQuietly(c);
        }
    }

    /** The commits {@code commitIds} when every one of them landed; empty when any did not (or there are none). */
    private Optional<List<CommitResult>> landed(List<String> commitIds) {
        if (commitIds.isEmpty()) {
            return Optional.empty();
        }
        List<CommitResult> found = commitIds.stream()
                .map(history::findCommit)
                .flatMap(Optional::stream)
                .toList();
        return found.size() == commitIds.size() ? Optional.of(found) : Optional.empty();
    }

    /**
     * Whether the transaction is worth another attempt: a transient failure, or a unique violation
     * that is not one of our commit ids used before (which is the caller's error, thrown here).
     */
    private boolean retryable(SQLException e, List<String> commitIds) {
        if (db.dialect().isUniqueViolation(e)) {
            for (String id : commitIds) {
                Optional<CommitResult> earlier = history.findCommit(id);
                if (earlier.isPresent()) {
                    throw DeltaSqlErrors.invalid("commit id '" + id + "' was already used by version "
                            + earlier.get().version() + " of Delta table '"
                            + earlier.get().table()
                            + "'; nothing was committed");
                }
            }
            return true;
        }
        return db.dialect().isTransient(e);
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + Math.min(attempt, 10) * 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException(
                    "interrupted while retrying a commit; nothing was committed", SqlStates.CANCELED, true, e);
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // A broken connection rolled back on its own; the pool will evict it.
        }
    }

    static void resetQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // As above.
        }
    }
}
