package io.deltasql.jdbc.local;

import io.deltasql.core.DeltaSqlException;
import io.deltasql.jdbc.ErrorTranslator;
import io.deltasql.jdbc.SqlErrors;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

/**
 * Errors of in-process connections: a deltasql error keeps its own SQLState ({@code 40001} for a
 * conflict, {@code 22023} for a bad value, …); anything else is classified by {@link SqlErrors}.
 */
final class LocalErrors implements ErrorTranslator {
    static final LocalErrors INSTANCE = new LocalErrors();

    private LocalErrors() {
    }

    @Override
    public SQLException translate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DeltaSqlException delta) {
                String state = delta.sqlState();
                return state.startsWith("40")
                        ? new SQLTransactionRollbackException(delta.getMessage(), state, delta)
                        : new SQLException(delta.getMessage(), state, delta);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return SqlErrors.translate(t);
    }
}
