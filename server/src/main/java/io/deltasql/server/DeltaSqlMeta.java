package io.deltasql.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's server-side JDBC layer over {@code jdbc:deltasql:} connections. A remote client's own
 * connection properties are ignored: the catalog, its credentials and its settings are the
 * server's, and a reader's connection is opened read-only. Results go out in frames of at least
 * {@code frameRows} rows: Avatica's own 100 would make a 100,000-file listing a thousand round trips.
 */
final class DeltaSqlMeta extends JdbcMeta {
    private final Properties serverInfo;
    private final int frameRows;

    DeltaSqlMeta(String url, Properties serverInfo, int frameRows) throws SQLException {
        super(url, serverInfo);
        this.serverInfo = serverInfo;
        this.frameRows = frameRows;
    }

    /** Ids of the remote connections open now (expired ones are gone). */
    java.util.Set<String> openConnectionIds() {
        return getConnectionCache().asMap().keySet();
    }

    /** Ids of the statements open now (closed and expired ones are gone). */
    java.util.Set<Integer> openStatementIds() {
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

    /** Closes every remote connection; their uncommitted transactions are discarded. */
    void closeAll() {
        getConnectionCache().invalidateAll();
        getConnectionCache().cleanUp();
    }

    @Override
    protected Connection createConnection(String url, Properties clientInfo) throws SQLException {
        Properties info = new Properties();
        info.putAll(serverInfo);
        info.setProperty("readOnly", String.valueOf(!RemoteUser.current().writer()));
        return super.createConnection(url, info);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        return withFullFirstFrames(h, super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        return withFullFirstFrames(h, super.execute(h, parameterValues, maxRowsInFirstFrame));
    }

    /** A client's fetch size can make frames larger than {@code frameRows}, never smaller. */
    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        return super.fetch(h, offset, fetchMaxRowCount < 0 ? fetchMaxRowCount : Math.max(fetchMaxRowCount, frameRows));
    }

    /**
     * Avatica's JDBC layer puts at most 100 rows in the first frame of a result; this fills it up to
     * {@code frameRows}, so a result of that size takes one round trip.
     */
    private ExecuteResult withFullFirstFrames(StatementHandle h, ExecuteResult result) throws NoSuchStatementException {
        List<MetaResultSet> filled = new ArrayList<>(result.resultSets.size());
        boolean changed = false;
        for (MetaResultSet rs : result.resultSets) {
            Frame first = rs.firstFrame;
            if (first == null || first.done || rs.signature == null) {
                filled.add(rs);
                continue;
            }
            List<Object> rows = new ArrayList<>();
            first.rows.forEach(rows::add);
            if (rows.size() >= frameRows) {
                filled.add(rs);
                continue;
            }
            Frame more;
            try {
                more = super.fetch(h, rows.size(), frameRows - rows.size());
            } catch (MissingResultsException e) {
                throw new IllegalStateException("statement " + h.id + " lost its results while its first frame was read", e);
            }
            more.rows.forEach(rows::add);
            filled.add(MetaResultSet.create(rs.connectionId, rs.statementId, rs.ownStatement, rs.signature,
                    new Frame(0, more.done, rows), rs.updateCount));
            changed = true;
        }
        return changed ? new ExecuteResult(filled) : result;
    }
}
