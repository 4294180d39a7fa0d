package io.deltasql.core.internal.store;

import io.deltasql.core.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;

/** Where the store gets snapshot headers (the cache) and where it reports the headers its commits create. */
public interface HeaderSource {
    SnapshotHeader header(Connection c, TableInfo table, long version) throws SQLException;

    void committed(SnapshotHeader header);
}
