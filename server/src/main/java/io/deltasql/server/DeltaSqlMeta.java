package io.deltasql.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's server-side JDBC layer over {@code jdbc:deltasql:} connections. A remote client's own
 * connection properties are ignored: the catalog, its credentials and its settings are the
 * server's, and a reader's connection is opened read-only. Results go out in frames of at least
 * {@code frameRows} rows (Avatica's own 100 would make a 100,000-file listing a thousand round
 * trips) and of at most about {@code frameBytes}, read from the result as they are sent, within the
 * statement's {@link StatementBudgets}.
 */
final class DeltaSqlMeta extends JdbcMeta {
    /** Rows read from a result at a time while a frame is filled, so its size can be checked as it grows. */
    private static final int CHUNK_ROWS = 500;

    private final Properties serverInfo;
    private final int frameRows;
    private final long frameBytes;
    private final StatementBudgets budgets;

    DeltaSqlMeta(String url, Properties serverInfo, int frameRows, long frameBytes, StatementBudgets budgets)
            throws SQLException {
        super(url, serverInfo);
        this.serverInfo = serverInfo;
        this.frameRows = frameRows;
        this.frameBytes = frameBytes;
        this.budgets = budgets;
    }

    /** Ids of the remote connections open now (expired ones are gone). */
    Set<String> openConnectionIds() {
        return getConnectionCache().asMap().keySet();
    }

    /** Ids of the statements open now (closed and expired ones are gone). */
    Set<Integer> openStatementIds() {
        return getStatementCache().asMap().keySet();
    }

    /**
     * Counts a call on one of the connection's statements as use of the connection: Avatica's
     * cache expires a connection idle for the timeout, and only connection-level calls reach it,
     * so a client that re-executes a prepared statement would otherwise lose its connection.
     */
    void touch(String connectionId) {
        getConnectionCache().getIfPresent(connectionId);
    }

    /** Closes every remote connection (their uncommitted transactions are discarded) and stops the query watchdog. */
    void closeAll() {
        getConnectionCache().invalidateAll();
        getConnectionCache().cleanUp();
        budgets.close();
    }

    @Override
    protected Connection createConnection(String url, Properties clientInfo) throws SQLException {
        Properties info = new Properties();
        info.putAll(serverInfo);
        info.setProperty("readOnly", String.valueOf(!RemoteUser.current().writer()));
        return super.createConnection(url, info);
    }

    @Override
    public ExecuteResult prepareAndExecute(
            StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
            throws NoSuchStatementException {
        budgets.restart(h.id);
        return limited(
                h,
                () -> withFullFirstFrames(
                        h, super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback)));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        budgets.restart(h.id);
        return limited(h, () -> withFullFirstFrames(h, super.execute(h, parameterValues, maxRowsInFirstFrame)));
    }

    /**
     * A frame of at least {@code frameRows} rows when the client's fetch size asks for fewer, and
     * never much more than {@code frameBytes}, whatever it asks for.
     */
    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        int rows = fetchMaxRowCount < 0 ? frameRows : Math.max(fetchMaxRowCount, frameRows);
        try {
            return limited(h, () -> {
                try {
                    return fill(h, offset, new ArrayList<>(), rows);
                } catch (MissingResultsException e) {
                    throw new MissingResults(e);
                }
            });
        } catch (MissingResults e) {
            throw e.cause;
        }
    }

    /** Carries Avatica's "missing results" through a budgeted call, which declares one checked exception. */
    private static final class MissingResults extends RuntimeException {
        final MissingResultsException cause;

        MissingResults(MissingResultsException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    @Override
    public void closeStatement(StatementHandle h) {
        budgets.forget(h.id);
        super.closeStatement(h);
    }

    /** Runs a statement's operation within its budget; past it, the statement's result is closed. */
    private <T, E extends Exception> T limited(StatementHandle h, StatementBudgets.Call<T, E> call) throws E {
        try {
            return budgets.timed(h.id, () -> statementOf(h.id), call);
        } catch (ClientError e) {
            closeResults(h.id);
            throw e;
        }
    }

    private Statement statementOf(int id) {
        ResultSet rs = resultsOf(id);
        try {
            return rs == null ? null : rs.getStatement();
        } catch (SQLException e) {
            return null;
        }
    }

    private ResultSet resultsOf(int id) {
        StatementInfo info = getStatementCache().getIfPresent(id);
        return info == null || !info.isResultSetInitialized() ? null : info.getResultSet();
    }

    private void closeResults(int id) {
        ResultSet rs = resultsOf(id);
        if (rs != null) {
            try {
                rs.close();
            } catch (SQLException e) {
                // The client is told why its result ended; a close that fails changes nothing for it.
            }
        }
    }

    /**
     * Reads rows into {@code rows} in chunks until there are {@code targetRows}, they pass
     * {@code frameBytes}, or the result ends; the frame's bytes, counted as it fills, are charged to
     * the statement's budget.
     */
    private Frame fill(StatementHandle h, long offset, List<Object> rows, int targetRows)
            throws NoSuchStatementException, MissingResultsException {
        long bytes = ResultSizes.of(rows);
        while (rows.size() < targetRows && bytes < frameBytes) {
            Frame more = super.fetch(h, offset + rows.size(), Math.min(targetRows - rows.size(), CHUNK_ROWS));
            for (Object row : more.rows) {
                rows.add(row);
                bytes += ResultSizes.of(row);
            }
            if (more.done) {
                budgets.send(h.id, bytes);
                return new Frame(offset, true, rows);
            }
        }
        budgets.send(h.id, bytes);
        return new Frame(offset, false, rows);
    }

    /**
     * Avatica's JDBC layer puts at most 100 rows in the first frame of a result; this fills it up to
     * {@code frameRows} (or {@code frameBytes}), so a result of that size takes one round trip.
     */
    private ExecuteResult withFullFirstFrames(StatementHandle h, ExecuteResult result) throws NoSuchStatementException {
        List<MetaResultSet> filled = new ArrayList<>(result.resultSets.size());
        for (MetaResultSet rs : result.resultSets) {
            Frame first = rs.firstFrame;
            if (first == null || rs.signature == null) {
                filled.add(rs);
                continue;
            }
            List<Object> rows = new ArrayList<>();
            first.rows.forEach(rows::add);
            Frame full;
            try {
                if (first.done) {
                    budgets.send(h.id, ResultSizes.of(rows));
                    full = new Frame(0, true, rows);
                } else {
                    full = fill(h, 0, rows, frameRows);
                }
            } catch (MissingResultsException e) {
                throw new IllegalStateException(
                        "statement " + h.id + " lost its results while its first frame was read", e);
            }
            filled.add(MetaResultSet.create(
                    rs.connectionId, rs.statementId, rs.ownStatement, rs.signature, full, rs.updateCount));
        }
        return new ExecuteResult(filled);
    }
}
