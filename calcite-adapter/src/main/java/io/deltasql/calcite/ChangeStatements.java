package io.deltasql.calcite;

import java.util.Locale;
import java.util.Set;

/** Tells a statement that changes data (INSERT, UPDATE, DELETE, MERGE, UPSERT) from its first keyword. */
final class ChangeStatements {
    private static final Set<String> CHANGES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT");

    private ChangeStatements() {}

    static boolean isChange(String sql) {
        int i = skipBlanksAndComments(sql, 0);
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return CHANGES.contains(sql.substring(start, i).toUpperCase(Locale.ROOT));
    }

    private static int skipBlanksAndComments(String sql, int i) {
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
