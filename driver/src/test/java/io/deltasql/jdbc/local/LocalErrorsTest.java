package io.deltasql.jdbc.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.DeltaSqlException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

/** Each kind of deltasql error reaches a JDBC client with its SQLState and message, as the java.sql type of its kind. */
class LocalErrorsTest {

    @Test
    void eachKindKeepsItsStateAndGetsItsJavaSqlType() {
        assertTranslated(DeltaSqlErrors.invalid("bad value"), SQLDataException.class);
        assertTranslated(DeltaSqlErrors.unsupported("not done"), SQLFeatureNotSupportedException.class);
        assertTranslated(
                DeltaSqlErrors.permissionDenied("permission denied: read-only"), SQLSyntaxErrorException.class);
        assertTranslated(DeltaSqlErrors.duplicate("already active"), SQLIntegrityConstraintViolationException.class);
        assertTranslated(DeltaSqlErrors.blocked("re-import it"), SQLException.class);
        assertTranslated(DeltaSqlErrors.conflict("lost", null), SQLTransactionRollbackException.class);
        assertTranslated(DeltaSqlErrors.unavailable("catalog down", null), SQLNonTransientConnectionException.class);
    }

    @Test
    void aWrappedErrorIsFoundInTheCauses() {
        SQLException e = LocalErrors.INSTANCE.translate(
                new RuntimeException("while running", DeltaSqlErrors.duplicate("twice")));
        assertThat((Throwable) e)
                .isExactlyInstanceOf(SQLIntegrityConstraintViolationException.class)
                .hasMessage("twice");
        assertThat(e.getSQLState()).isEqualTo("23505");
    }

    private static void assertTranslated(DeltaSqlException error, Class<? extends SQLException> type) {
        SQLException e = LocalErrors.INSTANCE.translate(error);
        assertThat((Throwable) e)
                .isExactlyInstanceOf(type)
                .hasMessage(error.getMessage())
                .hasCause(error);
        assertThat(e.getSQLState()).isEqualTo(error.sqlState());
    }
}
