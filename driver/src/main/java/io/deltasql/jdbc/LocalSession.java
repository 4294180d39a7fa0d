package io.deltasql.jdbc;

/**
 * The transaction of an in-process connection, as the JDBC proxies drive it: autocommit, commit,
 * rollback and read-only state live here rather than in the SQL engine, and each statement
 * execution runs inside one {@link #beginStatement() statement scope}.
 */
public interface LocalSession {
    void setAutoCommit(boolean autoCommit);

    boolean autoCommit();

    void commit();

    void rollback();

    boolean readOnly();

    /** Opens the scope of one statement execution; closing it ends the statement. */
    Scope beginStatement();

    /** The session's own object of type {@code iface} (for callers that unwrap the connection), or null. */
    <T> T unwrap(Class<T> iface);

    /** The reads of one statement execution; closing it never fails. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
