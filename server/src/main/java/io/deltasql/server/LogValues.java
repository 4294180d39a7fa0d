package io.deltasql.server;

/**
 * Client-supplied values (user names, connection ids, …) made safe for a log line: quoted, with
 * control characters, quotes and backslashes escaped, so a value cannot forge or break log lines.
 */
final class LogValues {
    private static final int MAX_LENGTH = 200;

    private LogValues() {
    }

    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 2).append('\'');
        for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (value.length() > MAX_LENGTH) {
            out.append("…(").append(value.length()).append(" characters)");
        }
        return out.append('\'').toString();
    }
}
