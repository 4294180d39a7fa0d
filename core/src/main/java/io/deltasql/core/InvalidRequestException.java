package io.deltasql.core;

/**
 * Bad input: an invalid table definition, a malformed commit, a version that does not exist.
 * Nothing was changed. The message names the table, the version and what was wrong.
 */
public class InvalidRequestException extends DeltaSqlException {
    public InvalidRequestException(String message) {
        super(message, "22023");
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, "22023", false, cause);
    }

    public InvalidRequestException(String message, String sqlState) {
        super(message, sqlState);
    }
}
