package io.deltasql.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;

/**
 * The SQLException of an SQLState: the java.sql subclass JDBC names for the state's class
 * ({@code 0A} not supported, {@code 08} connection, {@code 22} data, {@code 23} integrity,
 * {@code 28} authorization, {@code 40} rollback, {@code 42} syntax or access rule), so a tool can
 * catch by type what a client would otherwise read from the state; plain SQLException for others.
 */
public final class SqlStateExceptions {
    private SqlStateExceptions() {}

    public static SQLException of(String message, String state, int vendorCode, Throwable cause) {
        String stateClass = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        return switch (stateClass) {
            case "0A" -> new SQLFeatureNotSupportedException(message, state, vendorCode, cause);
            case "08" -> new SQLNonTransientConnectionException(message, state, vendorCode, cause);
            case "22" -> new SQLDataException(message, state, vendorCode, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, state, vendorCode, cause);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, state, vendorCode, cause);
            case "40" -> new SQLTransactionRollbackException(message, state, vendorCode, cause);
            case "42" -> new SQLSyntaxErrorException(message, state, vendorCode, cause);
            default -> new SQLException(message, state, vendorCode, cause);
        };
    }

    public static SQLException of(String message, String state, Throwable cause) {
        return of(message, state, 0, cause);
    }
}
