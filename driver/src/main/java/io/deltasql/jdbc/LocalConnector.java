package io.deltasql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens in-process connections on a catalog database. Implemented by the full driver jar
 * ({@code io.deltasql.jdbc.local.CalciteConnector}) and loaded by name, so the remote-only jar,
 * which has no SQL engine and no catalog drivers, still loads {@link DeltaSqlDriver}.
 */
public interface LocalConnector {
    Connection connect(DeltaSqlUrl url) throws SQLException;
}
