package io.deltasql.core.internal.store;

import io.deltasql.core.SqlStates;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;

/** Binds positional parameters; keeps statement code free of index bookkeeping. */
final class SqlRunner {
    /** A typed SQL NULL (PostgreSQL needs the type of a null parameter). */
    record Null(int sqlType) {}

    static final Null NULL_BIGINT = new Null(Types.BIGINT);
    static final Null NULL_TEXT = new Null(Types.VARCHAR);

    private SqlRunner() {}

    static Object longOrNull(Long value) {
        return value == null ? NULL_BIGINT : value;
    }

    static Object textOrNull(String value) {
        return value == null ? NULL_TEXT : value;
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Null n) {
                ps.setNull(i + 1, n.sqlType());
            } else if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setLong(i + 1, n);
            } else if (p instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else if (p instanceof byte[] bytes) {
                ps.setBytes(i + 1, bytes);
            } else if (p == null) {
                throw new IllegalArgumentException("untyped null for parameter " + (i + 1) + "; use SqlRunner.NULL_*");
            } else {
                ps.setString(i + 1, text(p.toString()));
            }
        }
    }

    /**
     * Refuses text with the NUL character (U+0000): PostgreSQL cannot store or compare it (22021),
     * SQLite and MariaDB can, so without this one rule the same input would behave differently per
     * catalog. A data exception (class 22), so every caller reports it as invalid input.
     */
    static String text(String value) throws SQLDataException {
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
            throw new SQLDataException(
                    "text contains the NUL character (U+0000) at position " + nul + ": '" + shown.replace('\0', '?')
                            + "'; catalog text cannot hold it",
                    SqlStates.INVALID_VALUE);
        }
        return value;
    }
}
