package io.deltasql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one closed plain statement a connection to a deltasql server keeps open on the server for
 * its next createStatement(), saving the two round trips of closing and creating one. A statement
 * the server has dropped meanwhile (its idle expiry) is recreated by Avatica's client on execution.
 */
final class IdleStatement {
    private Statement idle;

    /** Keeps the statement for reuse, its results closed; false when one is kept already (close it then). */
    synchronized boolean offer(Statement statement) throws SQLException {
        if (idle != null || statement.isClosed()) {
            return false;
        }
        ResultSet results = statement.getResultSet();
        if (results != null) {
            results.close();
        }
        statement.clearWarnings();
        idle = statement;
        return true;
    }

    /** The kept statement, no longer kept; null when there is none. */
    synchronized Statement take() {
        Statement s = idle;
        idle = null;
        return s;
    }

    /** Closes the kept statement to free its place on the server; false when there was none. */
    boolean discard() throws SQLException {
        Statement s = take();
        if (s == null) {
            return false;
        }
        s.close();
        return true;
    }

    /** Drops the kept statement without a round trip: closing the connection closes it on the server. */
    synchronized void forget() {
        idle = null;
    }
}
