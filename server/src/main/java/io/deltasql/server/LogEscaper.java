package io.deltasql.server;

/**
 * Makes a value a client chose (a user name, a header) safe to put in a log line: control
 * characters (C0, DEL, C1, line and paragraph separators) and quotes are escaped, so a value can
 * neither start a forged log line nor send escape sequences to an operator's terminal, and an
 * over-long value is cut.
 */
final class LogEscaper {
    /** Longer values are cut: a log line is not the place for an 8 KB header. */
    static final int MAX_LENGTH = 256;

    private LogEscaper() {}

    static String escape(String value) {
        if (value == null) {
            return "(none)";
        }
        int end = Math.min(value.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (value.length() > end) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
