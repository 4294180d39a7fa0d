package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.SqlStates;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.Test;

/** An SQLState becomes the java.sql type of its class, locally and from a server, with state and message kept. */
class SqlStateExceptionsTest {

    @Test
    void eachStateClassHasItsType() {
        assertType(SqlStates.UNSUPPORTED, SQLFeatureNotSupportedException.class);
        assertType(SqlStates.UNAVAILABLE, SQLNonTransientConnectionException.class);
        assertType(SqlStates.INVALID_VALUE, SQLDataException.class);
        assertType(SqlStates.DUPLICATE, SQLIntegrityConstraintViolationException.class);
        assertType(SqlStates.LOGIN_REFUSED, SQLInvalidAuthorizationSpecException.class);
        assertType(SqlStates.CONFLICT, SQLTransactionRollbackException.class);
        assertType(SqlStates.PERMISSION_DENIED, SQLSyntaxErrorException.class);
        assertType(SqlStates.BLOCKED, SQLException.class);
        assertType(SqlStates.INTERNAL_ERROR, SQLException.class);
        assertType(null, SQLException.class);
    }

    @Test
    void aServersErrorKeepsItsStateAndMessageAndGetsItsType() {
        for (String state : List.of(
                SqlStates.UNSUPPORTED,
                SqlStates.PERMISSION_DENIED,
                SqlStates.DUPLICATE,
                SqlStates.BLOCKED,
                SqlStates.INVALID_VALUE,
                SqlStates.CONFLICT,
                SqlStates.UNAVAILABLE)) {
            SQLException sent = new AvaticaSqlException(
                    "Error -1 (" + state + ") : while executing",
                    state,
                    0,
                    List.of("Delta table 't': refused"),
                    "http://server:8765");
            SQLException e = SqlErrors.translate(sent);
            assertThat((Throwable) e)
                    .as(state)
                    .hasMessage("Delta table 't': refused")
                    .isExactlyInstanceOf(SqlStateExceptions.of("m", state, null).getClass());
            assertThat(e.getSQLState()).isEqualTo(state);
        }
    }

    private static void assertType(String state, Class<? extends SQLException> type) {
        SQLException e = SqlStateExceptions.of("message", state, 7, null);
        assertThat((Throwable) e).as(state).isExactlyInstanceOf(type).hasMessage("message");
        assertThat(e.getSQLState()).isEqualTo(state);
        assertThat(e.getErrorCode()).isEqualTo(7);
    }
}
