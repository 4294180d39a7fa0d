package io.deltasql.server.cli;

import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import sqlline.SqlLine;

/**
 * sqlline reporting each failure in one line, {@code Error: <reason> (state=<SQLState>,code=<n>)},
 * where sqlline itself prints a stack trace for every error while it runs {@code -e} and
 * {@code -f} (it treats them as start-up) and for errors of its own settings. With
 * {@code verbose}, sqlline's own reports, stack traces included, are kept.
 *
 * <p>Running a script ({@code scripted}), once a failure is reported sqlline's follow-up notices
 * ("Aborting command set…", "No current connection") add nothing and are left out; and
 * {@link #failed()} tells whether anything failed, as sqlline's status does not when a later
 * statement of an {@code -e} succeeds.
 */
final class SqlLineShell extends SqlLine {
    private final boolean verbose;
    private final boolean scripted;
    private boolean failed;

    SqlLineShell(boolean verbose, boolean scripted) {
        this.verbose = verbose;
        this.scripted = scripted;
    }

    /** Whether an error was reported. */
    boolean failed() {
        return failed;
    }

    @Override
    public void handleException(Throwable e) {
        Throwable reported = unwrapped(e);
        if (reported instanceof SQLWarning) {
            super.handleException(e);
            return;
        }
        if (verbose) {
            failed = true;
            super.handleException(e);
            return;
        }
        String line = "Error: " + DeltaSqlCli.oneLine(reported);
        if (reported instanceof SQLException sql) {
            line += " (state=" + (sql.getSQLState() == null ? "" : sql.getSQLState()) + ",code=" + sql.getErrorCode()
                    + ")";
        }
        super.error(line);
        failed = true;
    }

    @Override
    public boolean error(String message) {
        if (scripted && failed && !verbose) {
            return false;
        }
        failed = true;
        return super.error(message);
    }

    /** The exception a user should read: sqlline wraps the driver's in reflection's and in its own. */
    private static Throwable unwrapped(Throwable e) {
        Throwable t = e;
        while (t instanceof InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        if (!(t instanceof SQLException) && t.getCause() instanceof SQLException) {
            return t.getCause();
        }
        return t;
    }
}
