package io.deltasql.jdbc.local;

import io.deltasql.core.DeltaSqlException;
import io.deltasql.jdbc.ErrorTranslator;
import io.deltasql.jdbc.SqlErrors;
import io.deltasql.jdbc.SqlStateExceptions;
import java.sql.SQLException;

/**
 * Errors of in-process connections: a deltasql error keeps its own SQLState ({@code 40001} for a
 * conflict, {@code 22023} for a bad value, …), as the java.sql type of its state's class
 * ({@link SqlStateExceptions}); anything else is classified by {@link SqlErrors}.
 */
final class LocalErrors implements ErrorTranslator {
    static final LocalErrors INSTANCE = new LocalErrors();

    private LocalErrors() {}

    @Override
    public SQLException translate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DeltaSqlException delta) {
                return SqlStateExceptions.of(delta.getMessage(), delta.sqlState(), delta);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return SqlErrors.translate(t);
    }
}
