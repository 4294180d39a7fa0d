package io.deltasql.jdbc;

import io.deltasql.core.DeltaSqlException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

/**
 * Turns what Calcite and the catalog throw into SQLExceptions with a meaningful SQLState and a
 * message that says what was wrong: a deltasql error keeps its own state ({@code 40001} for a
 * conflict, {@code 22023} for a bad value, …); SQL the parser or validator refuses gets
 * {@code 42601}, {@code 42P01}, {@code 42703} or {@code 42000}; a server that cannot be reached
 * gets {@code 08006}.
 */
final class SqlErrors {
    private SqlErrors() {
    }

    static SQLException translate(Throwable t) {
        DeltaSqlException delta = find(t, DeltaSqlException.class);
        if (delta != null) {
            String state = delta.sqlState();
            return state.startsWith("40")
                    ? new SQLTransactionRollbackException(delta.getMessage(), state, delta)
                    : new SQLException(delta.getMessage(), state, delta);
        }
        org.apache.calcite.avatica.AvaticaClientRuntimeException remote =
                find(t, org.apache.calcite.avatica.AvaticaClientRuntimeException.class);
        if (remote != null && remote.getSqlState() != null && !remote.getSqlState().equals("00000")) {
            String message = remote.getMessage().startsWith("Remote driver error: ")
                    ? remote.getMessage().substring("Remote driver error: ".length()) : remote.getMessage();
            return remote.getSqlState().startsWith("40")
                    ? new SQLTransactionRollbackException(message, remote.getSqlState(), remote.getErrorCode(), remote)
                    : new SQLException(message, remote.getSqlState(), remote.getErrorCode(), remote);
        }
        SQLException sql = t instanceof SQLException s ? s : find(t, SQLException.class);
        if (sql != null && sql.getSQLState() != null && !sql.getSQLState().equals("00000")) {
            // A remote error quotes the statement too; a long one is cut, and not kept as the cause.
            if (sql.getMessage() == null || sql.getMessage().length() <= MAX_MESSAGE) {
                return sql;
            }
            String state = sql.getSQLState();
            return state.startsWith("40") ? new SQLTransactionRollbackException(bounded(sql.getMessage()), state, sql.getErrorCode())
                    : new SQLException(bounded(sql.getMessage()), state, sql.getErrorCode());
        }
        String message = bounded(rootMessage(t));
        String login = loginRefusal(message);
        if (login != null) {
            return new SQLException(login, "28000", t);
        }
        String state = classify(t, message);
        // A syntax error's message says everything; the parser's own exception would only repeat its token list.
        return state.equals("42601") ? new SQLException(shortParseMessage(message), state)
                : new SQLException(message, state, t);
    }

    /** The most characters of a message: Calcite's quote the whole statement, megabytes for a big INSERT. */
    static final int MAX_MESSAGE = 4_000;

    /** A message cut to {@link #MAX_MESSAGE}: its start (which statement) and its end (what went wrong). */
    static String bounded(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        int head = MAX_MESSAGE / 4;
        int tail = MAX_MESSAGE - head;
        return message.substring(0, head) + " … (" + (message.length() - MAX_MESSAGE) + " characters left out) … "
                + message.substring(message.length() - tail);
    }

    private static final java.util.regex.Pattern ENCOUNTERED_WORD =
            java.util.regex.Pattern.compile("Encountered \"([A-Za-z_]+)\" at line");

    /**
     * The parser's message without its list of the hundred-odd tokens it expected, plus a hint
     * when the culprit is a word: usually a reserved word used as a name ({@code day}, {@code value}).
     */
    static String shortParseMessage(String message) {
        if (message == null) {
            return null;
        }
        int expecting = message.indexOf("\nWas expecting");
        String shortened = expecting < 0 ? message : message.substring(0, expecting).strip();
        java.util.regex.Matcher word = ENCOUNTERED_WORD.matcher(shortened);
        if (word.find()) {
            shortened += " (" + word.group(1) + " is a reserved word in SQL: to use it as a name, quote it: \""
                    + word.group(1).toLowerCase(java.util.Locale.ROOT) + "\")";
        }
        return shortened;
    }

    /** What a server's refusal of the credentials means, from the HTTP status Avatica's client reports; null for anything else. */
    private static String loginRefusal(String message) {
        if (message == null) {
            return null;
        }
        if (message.contains("got HTTP/401")) {
            return "the server refused the login (HTTP 401): wrong or missing user name or password";
        }
        if (message.contains("got HTTP/429")) {
            return "the server refuses logins for this user from this address for now (HTTP 429), after failed"
                    + " attempts: wait and try again with the right password";
        }
        return null;
    }

    private static String classify(Throwable t, String message) {
        if (find(t, java.net.ConnectException.class) != null || find(t, java.net.SocketException.class) != null) {
            return "08006";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String name = c.getClass().getName();
            if (name.endsWith("SqlParseException")) {
                return "42601";
            }
        }
        String m = message == null ? "" : message;
        if (m.matches("(?s).*(Object|Table) '.*' not found.*")) {
            return "42P01";
        }
        if (m.matches("(?s).*Column '.*' not found.*")) {
            return "42703";
        }
        if (find(t, org.apache.calcite.runtime.CalciteContextException.class) != null) {
            return "42000";
        }
        if (find(t, UnsupportedOperationException.class) != null) {
            return "0A000";
        }
        return "XX000";
    }

    /**
     * A message that says what was wrong: Calcite's own ("Error while executing SQL "…": From line 1,
     * column 15 …: Object 'x' not found") names the statement and the reason; otherwise the deepest.
     */
    private static String rootMessage(Throwable t) {
        if (t instanceof SQLException && t.getMessage() != null && t.getMessage().startsWith("Error while")) {
            return t.getMessage();
        }
        String best = t.getMessage();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                best = c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return best;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
