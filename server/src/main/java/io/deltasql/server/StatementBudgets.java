package io.deltasql.server;

import io.deltasql.core.SqlStates;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one execution of a remote statement may cost the server: the server's time spent running it
 * and producing its frames ({@code maxQueryTime}; a client's pauses between fetches do not count),
 * and the bytes of result it sends ({@code maxResultBytes}). Past either, the statement is cancelled
 * or its result closed, the client gets an error (57014, 54000), and the server log says who asked
 * for what; everybody else's statements go on.
 */
final class StatementBudgets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementBudgets.class);

    /** An operation of the statement that may fail. */
    interface Call<T, E extends Exception> {
        T run() throws E;
    }

    private static final class Budget {
        long resultBytes;
        long nanos;
        volatile boolean timedOut;
    }

    private final long maxResultBytes;
    private final Duration maxQueryTime;
    private final Map<Integer, Budget> budgets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deltasql-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    StatementBudgets(long maxResultBytes, Duration maxQueryTime) {
        this.maxResultBytes = maxResultBytes;
        this.maxQueryTime = maxQueryTime;
    }

    /** A new execution of the statement starts with a full budget. */
    void restart(int statementId) {
        budgets.put(statementId, new Budget());
    }

    void forget(int statementId) {
        budgets.remove(statementId);
    }

    /**
     * Runs one operation of the statement within what is left of its time: when it runs out, the
     * statement (as {@code statement} finds it then) is cancelled and the operation fails with 57014.
     */
    <T, E extends Exception> T timed(int statementId, Supplier<Statement> statement, Call<T, E> call) throws E {
        Budget budget = budgets.computeIfAbsent(statementId, id -> new Budget());
        long left = maxQueryTime.toNanos() - budget.nanos;
        if (budget.timedOut || left <= 0) {
            throw timedOut(statementId);
        }
        ScheduledFuture<?> alarm = watchdog.schedule(
                () -> {
                    budget.timedOut = true;
                    cancel(statement.get());
                },
                left,
                TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        try {
            // What finished is answered even when the alarm went off meanwhile: a commit that landed
            // must not be reported as failed. The statement's next operation fails instead.
            return call.run();
        } catch (RuntimeException e) {
            if (budget.timedOut) {
                throw timedOut(statementId);
            }
            throw e;
        } finally {
            alarm.cancel(false);
            budget.nanos += System.nanoTime() - start;
        }
    }

    /** Counts a frame about to be sent; fails with 54000 when the execution's results pass the limit. */
    void send(int statementId, long frameBytes) {
        Budget budget = budgets.computeIfAbsent(statementId, id -> new Budget());
        budget.resultBytes += frameBytes;
        if (budget.resultBytes > maxResultBytes) {
            LOG.warn(
                    "statement of user '{}' stopped: its result passed the limit of {} bytes (--max-result-bytes)",
                    LogEscaper.escape(RemoteUser.current().name()),
                    maxResultBytes);
            throw new ClientError(
                    "the result is larger than the server's limit of " + maxResultBytes
                            + " bytes per statement (--max-result-bytes): select fewer rows or columns, or add a LIMIT",
                    0,
                    SqlStates.LIMIT_EXCEEDED);
        }
    }

    private ClientError timedOut(int statementId) {
        LOG.warn(
                "statement of user '{}' cancelled: it ran longer than the server's limit of {} s (--query-timeout-seconds)",
                LogEscaper.escape(RemoteUser.current().name()),
                maxQueryTime.toSeconds());
        return new ClientError(
                "the statement was cancelled: it ran longer than the server's limit of " + maxQueryTime.toSeconds()
                        + " s (--query-timeout-seconds)",
                0,
                SqlStates.CANCELED);
    }

    private static void cancel(Statement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.cancel();
        } catch (Exception e) {
            LOG.debug("cancelling a statement past its time limit: {}", e.toString());
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
