package io.deltasql.server.cli;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import picocli.CommandLine.Option;

/** The {@code --catalog} option every command shares: the catalog database's JDBC URL, embedded SQLite by default. */
public final class CatalogOptions {
    @Option(names = "--catalog", paramLabel = "<url>",
            description = "Catalog database JDBC URL (jdbc:postgresql://…, jdbc:mariadb://…, jdbc:sqlite:/path, or jdbc:deltasql:…). "
                    + "Default: the embedded catalog ./deltasql-catalog.db or $DELTASQL_CATALOG.")
    String catalogUrl;

    public CatalogConfig.Builder config() {
        return catalogUrl == null ? CatalogConfig.embeddedDefault() : CatalogConfig.builder(catalogUrl);
    }

    public DeltaCatalog open() {
        return DeltaCatalog.open(config().build());
    }
}
