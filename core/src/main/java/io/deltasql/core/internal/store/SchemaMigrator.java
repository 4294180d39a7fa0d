package io.deltasql.core.internal.store;

import io.deltasql.core.CatalogException;
import io.deltasql.core.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the catalog schema to {@link CatalogSchema#CURRENT_VERSION} on first connect, under a
 * catalog-wide lock so processes connecting at the same moment migrate one after another; each
 * version is recorded once in {@code ds_schema_version}.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final CatalogDdl ddl;
    private final String redactedUrl;

    SchemaMigrator(DataSource dataSource, Dialect dialect, String redactedUrl) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.ddl = new CatalogDdl(dialect);
        this.redactedUrl = redactedUrl;
    }

    /** Applies missing migrations; refuses a catalog written by a newer deltasql. */
    void migrate() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            dialect.withMigrationLock(c, this::migrate);
        }
    }

    private void migrate(Connection c) throws SQLException {
        execute(c, ddl.createTable(CatalogSchema.SCHEMA_VERSION));
        long current = currentVersion(c);
        if (current > CatalogSchema.CURRENT_VERSION) {
            throw new CatalogException(
                    "catalog " + redactedUrl + " has schema version " + current
                            + ", newer than this deltasql supports (" + CatalogSchema.CURRENT_VERSION
                            + "); upgrade deltasql",
                    SqlStates.BLOCKED,
                    false,
                    null);
        }
        for (CatalogSchema.Migration m : CatalogSchema.MIGRATIONS) {
            if (m.version() <= current) {
                continue;
            }
            execute(c, ddl.of(m));
            m.backfill().run(c);
            record(c, m);
        }
    }

    private void record(Connection c, CatalogSchema.Migration m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SchemaVersionSql.RECORD_MIGRATION)) {
            ps.setLong(1, m.version());
            ps.setString(2, m.description());
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
            LOG.debug("catalog {}: applied schema migration {} ({})", redactedUrl, m.version(), m.description());
        }
    }

    static long currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SchemaVersionSql.APPLIED_VERSION)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, Iterable<String> ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
        }
    }
}
