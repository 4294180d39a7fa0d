package io.deltasql.jdbc;

import java.sql.SQLException;

/**
 * Turns what a connection's engine throws into the SQLException a user gets. A server connection
 * needs only {@link SqlErrors}; an in-process one also knows the catalog's own exceptions.
 */
@FunctionalInterface
public interface ErrorTranslator {
    SQLException translate(Throwable t);
}
