package io.deltasql.core;

/**
 * Base of every error deltasql reports. Each carries the SQLState that the JDBC layers hand to
 * clients, and whether retrying the same call may succeed.
 */
public class DeltaSqlException extends RuntimeException {
    private final String sqlState;
    private final boolean retryable;

    public DeltaSqlException(String message, String sqlState, boolean retryable, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.retryable = retryable;
    }

    public DeltaSqlException(String message, String sqlState) {
        this(message, sqlState, false, null);
    }

    /** Five-character SQLState, e.g. {@code 40001} for a commit conflict. */
    public String sqlState() {
        return sqlState;
    }

    /** True when the same call, retried (after re-reading the table), may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
