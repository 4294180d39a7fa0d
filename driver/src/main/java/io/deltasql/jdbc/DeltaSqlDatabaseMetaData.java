package io.deltasql.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.util.Optional;

/**
 * The {@code DatabaseMetaData} answers that describe deltasql itself rather than a connection's
 * objects, the same for the local driver and {@code jdbc:deltasql:remote:} (whose Avatica client
 * would otherwise compute some of them from its own settings): unquoted names fold to lower case
 * and quoted ones match ignoring case; a transaction is one atomic Delta commit at serializable
 * isolation; results stay open over a commit and do not see later changes. Needs only java.sql.
 */
public final class DeltaSqlDatabaseMetaData {
    private DeltaSqlDatabaseMetaData() {}

    /** The answer of the version methods for deltasql {@code version} (major.minor…), or empty for other methods. */
    public static Optional<Object> versionAnswer(String method, String version) {
        return Optional.ofNullable(
                switch (method) {
                    case "getDriverVersion", "getDatabaseProductVersion" -> version;
                    case "getDriverMajorVersion", "getDatabaseMajorVersion" -> versionPart(version, 0);
                    case "getDriverMinorVersion", "getDatabaseMinorVersion" -> versionPart(version, 1);
                    default -> null;
                });
    }

    private static int versionPart(String version, int index) {
        String[] parts = version.split("[.-]");
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The answer to {@code method(args)}, or empty when the method is not one of these. */
    public static Optional<Object> answer(String method, Object[] args) {
        Object value = switch (method) {
            case "getDatabaseProductName" -> "deltasql";
            case "getDriverName" -> "deltasql JDBC driver";
            // Identifiers: unquoted ones fold to lower case; every name matches ignoring case.
            case "storesLowerCaseIdentifiers", "storesMixedCaseQuotedIdentifiers" -> true;
            case "storesUpperCaseIdentifiers",
                    "storesMixedCaseIdentifiers",
                    "supportsMixedCaseIdentifiers",
                    "supportsMixedCaseQuotedIdentifiers",
                    "storesUpperCaseQuotedIdentifiers",
                    "storesLowerCaseQuotedIdentifiers" -> false;
            case "getIdentifierQuoteString" -> "\"";
            // Transactions: DML on any tables, committed atomically, write-serializable.
            case "supportsTransactions", "supportsMultipleTransactions", "supportsDataManipulationTransactionsOnly" ->
                true;
            case "supportsDataDefinitionAndDataManipulationTransactions",
                    "dataDefinitionCausesTransactionCommit",
                    "dataDefinitionIgnoredInTransactions",
                    "supportsSavepoints",
                    "supportsOpenCursorsAcrossRollback",
                    "supportsOpenStatementsAcrossRollback" -> false;
            case "supportsOpenCursorsAcrossCommit", "supportsOpenStatementsAcrossCommit" -> true;
            case "getDefaultTransactionIsolation" -> Connection.TRANSACTION_SERIALIZABLE;
            case "supportsTransactionIsolationLevel" -> (Integer) args[0] == Connection.TRANSACTION_SERIALIZABLE;
            // Results: read from a snapshot, forward only, kept open over a commit.
            case "getResultSetHoldability" -> ResultSet.HOLD_CURSORS_OVER_COMMIT;
            case "supportsResultSetHoldability" -> (Integer) args[0] == ResultSet.HOLD_CURSORS_OVER_COMMIT;
            case "ownUpdatesAreVisible",
                    "ownDeletesAreVisible",
                    "ownInsertsAreVisible",
                    "othersUpdatesAreVisible",
                    "othersDeletesAreVisible",
                    "othersInsertsAreVisible",
                    "updatesAreDetected",
                    "deletesAreDetected",
                    "insertsAreDetected" -> false;
            case "supportsResultSetType" -> (Integer) args[0] == ResultSet.TYPE_FORWARD_ONLY;
            case "supportsResultSetConcurrency" ->
                (Integer) args[0] == ResultSet.TYPE_FORWARD_ONLY && (Integer) args[1] == ResultSet.CONCUR_READ_ONLY;
            case "locatorsUpdateCopy",
                    "supportsStoredFunctionsUsingCallSyntax",
                    "autoCommitFailureClosesAllResultSets",
                    "generatedKeyAlwaysReturned",
                    "supportsRefCursors",
                    "supportsSharding" -> false;
            case "getSQLStateType" -> DatabaseMetaData.sqlStateSQL;
            case "getRowIdLifetime" -> RowIdLifetime.ROWID_UNSUPPORTED;
            case "getMaxLogicalLobSize" -> 0L;
            default -> null;
        };
        return Optional.ofNullable(value);
    }
}
