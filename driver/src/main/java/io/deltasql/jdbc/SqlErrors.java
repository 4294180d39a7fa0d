package io.deltasql.jdbc;

import io.deltasql.core.SqlStates;
import java.net.ConnectException;
import java.net.SocketException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * Turns what Calcite and a server throw into SQLExceptions with a meaningful SQLState (as the
 * java.sql type of its class, {@link SqlStateExceptions}) and a message that says what was wrong:
 * a server's error keeps its state; SQL the parser or validator
 * refuses gets {@code 42601}, {@code 42P01}, {@code 42703} or {@code 42000}; a server that cannot
 * be reached gets {@code 08006}. Needs only the JDK and Avatica's client (the remote-only jar has
 * no more; the {@link SqlStates} constants are copied in by javac): Calcite's exceptions are recognised by name. In-process connections first look for the
 * catalog's own errors ({@code io.deltasql.jdbc.local.LocalErrors}).
 */
public final class SqlErrors {
    private SqlErrors() {}

    public static SQLException translate(Throwable t) {
        AvaticaClientRuntimeException remote = find(t, AvaticaClientRuntimeException.class);
        if (remote != null
                && remote.getSqlState() != null
                && !remote.getSqlState().equals(SqlStates.SUCCESS)) {
            String message = remote.getMessage().startsWith("Remote driver error: ")
                    ? remote.getMessage().substring("Remote driver error: ".length())
                    : remote.getMessage();
            return SqlStateExceptions.of(message, remote.getSqlState(), remote.getErrorCode(), remote);
        }
        AvaticaSqlException server = find(t, AvaticaSqlException.class);
        if (server != null
                && server.getSQLState() != null
                && !server.getSQLState().equals(SqlStates.SUCCESS)) {
            return fromServer(server);
        }
        SQLException sql = t instanceof SQLException s ? s : find(t, SQLException.class);
        if (sql != null && sql.getSQLState() != null && !sql.getSQLState().equals(SqlStates.SUCCESS)) {
            // A remote error quotes the statement too; a long one is cut, and not kept as the cause.
            if (sql.getMessage() == null || sql.getMessage().length() <= MAX_MESSAGE) {
                return sql;
            }
            String state = sql.getSQLState();
            return SqlStateExceptions.of(bounded(sql.getMessage()), state, sql.getErrorCode(), null);
        }
        String message = bounded(rootMessage(t));
        String login = loginRefusal(message);
        if (login != null) {
            return SqlStateExceptions.of(login, SqlStates.LOGIN_REFUSED, null);
        }
        if (untrustedCertificate(t)) {
            return SqlStateExceptions.of(
                    "the server's TLS certificate is not trusted by this client: give a trust store holding it or"
                            + " its CA (the connection properties truststore and truststore_password, e.g."
                            + " jdbc:deltasql:remote:https://host:8765?truststore=/path/server.p12&truststore_password=…; bin/deltasql sql"
                            + " --truststore)",
                    SqlStates.UNAVAILABLE,
                    null);
        }
        String state = classify(t, message);
        // A syntax error's message says everything; the parser's own exception would only repeat its token list.
        return state.equals(SqlStates.SYNTAX_ERROR)
                ? SqlStateExceptions.of(shortParseMessage(message), state, null)
                : SqlStateExceptions.of(message, state, t);
    }

    /**
     * An error a deltasql server sent, as the server worded it. Avatica's client words some errors
     * itself ("while preparing SQL: …", the statement without the reason) or quotes the statement
     * again in front of the server's message; a deltasql server sends its message, once and without
     * a stack trace, as the error's only "server exception".
     */
    private static SQLException fromServer(AvaticaSqlException e) {
        List<String> sent = e.getStackTraces();
        String message = e.getErrorMessage();
        if (sent != null
                && sent.size() == 1
                && !sent.get(0).isBlank()
                && !sent.get(0).contains("\n\tat ")) {
            message = sent.get(0);
        }
        message = bounded(message);
        String state = e.getSQLState();
        return SqlStateExceptions.of(message, state, e.getErrorCode(), null);
    }

    /** Whether the connection failed because this client does not trust the server's certificate. */
    private static boolean untrustedCertificate(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof CertPathValidatorException
                    || c.getClass().getName().endsWith("SunCertPathBuilderException")
                    || (c instanceof SSLHandshakeException
                            && String.valueOf(c.getMessage()).contains("certification path"))) {
                return true;
            }
        }
        return false;
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

    private static final Pattern ENCOUNTERED_WORD = Pattern.compile("Encountered \"([A-Za-z_]+)\" at line");

    /**
     * The parser's message without its list of the hundred-odd tokens it expected, plus a hint
     * when the culprit is a word: usually a reserved word used as a name ({@code day}, {@code value}).
     */
    static String shortParseMessage(String message) {
        if (message == null) {
            return null;
        }
        int expecting = message.indexOf("\nWas expecting");
        String shortened =
                expecting < 0 ? message : message.substring(0, expecting).strip();
        Matcher word = ENCOUNTERED_WORD.matcher(shortened);
        if (word.find()) {
            shortened += " (" + word.group(1) + " is a reserved word in SQL: to use it as a name, quote it: \""
                    + word.group(1).toLowerCase(Locale.ROOT) + "\")";
        }
        return shortened;
    }

    /** What a server's refusal of the credentials means, from the HTTP status Avatica's client reports; null for anything else. */
    private static String loginRefusal(String message) {
        if (message == null) {
            return null;
        }
        if (message.contains("got HTTP/401")) {
            return "user name or password is not accepted by the server (HTTP 401): check both, or the server's users file";
        }
        if (message.contains("got HTTP/429")) {
            return "the server refuses logins for this user from this address for now (HTTP 429), after failed"
                    + " attempts: wait and try again with the right password";
        }
        return null;
    }

    private static String classify(Throwable t, String message) {
        if (find(t, ConnectException.class) != null || find(t, SocketException.class) != null) {
            return SqlStates.CONNECTION_FAILURE;
        }
        boolean validation = false;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            String name = c.getClass().getName();
            if (name.endsWith("SqlParseException")) {
                return SqlStates.SYNTAX_ERROR;
            }
            validation |= name.endsWith("CalciteContextException");
        }
        String m = message == null ? "" : message;
        if (m.matches("(?s).*(Object|Table) '.*' not found.*")) {
            return SqlStates.TABLE_NOT_FOUND;
        }
        if (m.matches("(?s).*Column '.*' not found.*")) {
            return SqlStates.COLUMN_NOT_FOUND;
        }
        if (validation) {
            return SqlStates.INVALID_SQL;
        }
        if (find(t, UnsupportedOperationException.class) != null) {
            return SqlStates.UNSUPPORTED;
        }
        return SqlStates.INTERNAL_ERROR;
    }

    /**
     * A message that says what was wrong: Calcite's own ("Error while executing SQL "…": From line 1,
     * column 15 …: Object 'x' not found") names the statement and the reason; otherwise the deepest.
     */
    private static String rootMessage(Throwable t) {
        if (t instanceof SQLException
                && t.getMessage() != null
                && t.getMessage().startsWith("Error while")) {
            // "Error while executing SQL …: <reason>" has it; "Error while preparing statement […]" only in a cause.
            String reason = deepestMessage(t.getCause());
            return reason == null || t.getMessage().contains(reason) ? t.getMessage() : t.getMessage() + ": " + reason;
        }
        String deepest = deepestMessage(t);
        return deepest != null ? deepest : t.getMessage();
    }

    /** The message of the deepest cause that has one; null when none has. */
    private static String deepestMessage(Throwable t) {
        String best = null;
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
