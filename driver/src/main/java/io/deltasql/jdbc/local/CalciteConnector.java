package io.deltasql.jdbc.local;

import io.deltasql.calcite.CalciteSettings;
import io.deltasql.calcite.DeltaSchema;
import io.deltasql.calcite.DeltaSession;
import io.deltasql.calcite.SchemaCaching;
import io.deltasql.calcite.SharedCatalogs;
import io.deltasql.calcite.SysSchema;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.JdbcUrls;
import io.deltasql.core.mirror.MirrorTiming;
import io.deltasql.jdbc.DeltaSqlUrl;
import io.deltasql.jdbc.JdbcProxies;
import io.deltasql.jdbc.LocalConnector;
import io.deltasql.jdbc.PrivateDrivers;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * In-process connections: a Calcite connection whose {@code delta} schema is the catalog named by
 * the URL and whose transactions are Delta commits. Connections to one catalog share its pool and
 * snapshot cache. Loaded by {@link io.deltasql.jdbc.DeltaSqlDriver} by name, from the full driver jar.
 */
public final class CalciteConnector implements LocalConnector {
    static {
        LibraryLogging.quietLibraries();
        CalciteSettings.load();
    }

    private final CalciteEngine engine = PrivateDrivers.unregistered(new CalciteEngine());

    @Override
    public Connection connect(DeltaSqlUrl url) throws SQLException {
        CatalogConfig config;
        DeltaCatalog catalog;
        try {
            CatalogConfig.Builder builder =
                    url.embedded() ? CatalogConfig.embeddedDefault() : CatalogConfig.builder(url.catalogUrl());
            config = builder.apply(url.settings()).build();
            catalog = SharedCatalogs.acquire(
                    config,
                    MirrorTiming.ofSetting(url.settings().getProperty(MirrorTiming.SETTING))
                            .orElse(null));
        } catch (RuntimeException e) {
            throw LocalErrors.INSTANCE.translate(e);
        }
        try {
            Connection calcite = engine.open();
            CalciteConnection cc = calcite.unwrap(CalciteConnection.class);
            DeltaSession session = new DeltaSession(catalog);
            session.setReadOnly("true".equalsIgnoreCase(url.settings().getProperty("readOnly", "false")));
            SchemaPlus root = cc.getRootSchema();
            LocalMetadata.hideCalciteSchema(root);
            SchemaCaching.turnOff(root.add("delta", new DeltaSchema(session)));
            SchemaCaching.turnOff(root.add("sys", new SysSchema(catalog, session)));
            cc.setSchema("delta");
            String shown = "jdbc:deltasql:" + JdbcUrls.redact(config.jdbcUrl()).substring("jdbc:".length());
            return JdbcProxies.local(
                    calcite,
                    new SessionTransactions(session),
                    LocalErrors.INSTANCE,
                    shown,
                    () -> SharedCatalogs.release(catalog));
        } catch (SQLException | RuntimeException e) {
            SharedCatalogs.release(catalog);
            throw LocalErrors.INSTANCE.translate(e);
        }
    }
}
