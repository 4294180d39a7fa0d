package io.deltasql.server.cli;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The catalog options every command shares: the catalog database's JDBC URL (embedded SQLite by
 * default), and its password from a file or the environment rather than the URL, which other
 * local accounts can read in the process list.
 */
public final class CatalogOptions {
    static final String PASSWORD_ENV = "DELTASQL_CATALOG_PASSWORD";

    @Option(
            names = "--catalog",
            paramLabel = "<url>",
            description =
                    "Catalog database JDBC URL (jdbc:postgresql://…, jdbc:mariadb://…, jdbc:sqlite:/path, or jdbc:deltasql:…). "
                            + "Default: the embedded catalog ./deltasql-catalog.db or $DELTASQL_CATALOG.")
    String catalogUrl;

    @Option(
            names = "--catalog-password-file",
            paramLabel = "<file>",
            description = "File holding the catalog database's password (one trailing newline is ignored). "
                    + "Default: $" + PASSWORD_ENV + ", else any password in the URL.")
    Path passwordFile;

    public CatalogConfig.Builder config() {
        CatalogConfig.Builder builder =
                catalogUrl == null ? CatalogConfig.embeddedDefault() : CatalogConfig.builder(catalogUrl);
        String password = password(System.getenv());
        return password == null ? builder : builder.password(password);
    }

    /** The catalog password from {@code --catalog-password-file} or the environment, or null (then only the URL's). */
    String password(Map<String, String> env) {
        return SecretSource.resolve("--catalog-password", null, passwordFile, PASSWORD_ENV, env);
    }

    /** The catalog settings to pass with the URL where a command hands the catalog on by URL (the server). */
    Properties settings() {
        Properties settings = new Properties();
        String password = password(System.getenv());
        if (password != null) {
            settings.setProperty("password", password);
        }
        return settings;
    }

    public DeltaCatalog open() {
        return DeltaCatalog.open(config().build());
    }
}
