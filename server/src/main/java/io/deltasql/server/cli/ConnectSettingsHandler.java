package io.deltasql.server.cli;

import java.util.List;
import java.util.Map;
import org.jline.reader.Completer;
import sqlline.CommandHandler;
import sqlline.DispatchCallback;
import sqlline.SqlLine;

/**
 * sqlline's {@code !connect} command with connection properties of our own added: the user and
 * password, and the remote driver's {@code truststore} and {@code truststore_password}. sqlline
 * hands a driver only the properties named on a {@code !connect} line, as {@code -p name value},
 * and builds that line itself from {@code -u}; the line is completed here, in the process, where
 * neither the process list nor sqlline's {@code --verbose} trace of the line shows the secrets.
 * Properties the line names itself (a user's own {@code !connect url user password}) win.
 */
final class ConnectSettingsHandler implements CommandHandler {
    private final CommandHandler connect;
    private final Map<String, String> settings;

    private ConnectSettingsHandler(CommandHandler connect, Map<String, String> settings) {
        this.connect = connect;
        this.settings = Map.copyOf(settings);
    }

    /** Makes {@code sqlLine}'s {@code !connect} pass {@code settings} to the driver, besides what the line names. */
    static void install(SqlLine sqlLine, Map<String, String> settings) {
        settings.forEach((name, value) -> {
            // sqlline's parser strips every pair of matching quotes around a token, however it is escaped.
            if (value.length() > 1 && value.startsWith("'") && value.endsWith("'")) {
                throw new IllegalArgumentException(
                        "sqlline cannot pass a " + name + " that begins and ends with a single quote");
            }
        });
        List<CommandHandler> handlers = sqlLine.getCommandHandlers().stream()
                .map(h -> h.getName().equals("connect") ? new ConnectSettingsHandler(h, settings) : h)
                .toList();
        sqlLine.updateCommandHandlers(handlers);
    }

    /** {@code connect …} with {@code -p name value} for each setting after the command's name. */
    String withSettings(String line) {
        String trimmed = line.strip();
        int end = trimmed.indexOf(' ');
        StringBuilder b = new StringBuilder(end < 0 ? trimmed : trimmed.substring(0, end));
        settings.forEach(
                (name, value) -> b.append(" -p ").append(name).append(' ').append(quoted(value)));
        return end < 0 ? b.toString() : b.append(trimmed.substring(end)).toString();
    }

    /**
     * {@code value} as one token of a sqlline command line: in double quotes, with backslashes and
     * double quotes escaped by a backslash, which sqlline's parser undoes for double-quoted tokens.
     */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    @Override
    public void execute(String line, DispatchCallback callback) {
        connect.execute(withSettings(line), callback);
    }

    @Override
    public String getName() {
        return connect.getName();
    }

    @Override
    public List<String> getNames() {
        return connect.getNames();
    }

    @Override
    public String getHelpText() {
        return connect.getHelpText();
    }

    @Override
    public String matches(String line) {
        return connect.matches(line);
    }

    @Override
    public List<Completer> getParameterCompleters() {
        return connect.getParameterCompleters();
    }

    @Override
    public boolean echoToFile() {
        return connect.echoToFile();
    }
}
