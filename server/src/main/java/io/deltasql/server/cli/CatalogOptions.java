package io.deltasql.server.cli;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

    @Option(
            names = "--conf",
            paramLabel = "<key=value>",
            description = "An object-store setting with Hadoop's key, as for Spark (fs.s3a.endpoint=…, "
                    + "fs.s3a.access.key=…, fs.azure.account.key.<account>.dfs.core.windows.net=…); repeatable. "
                    + "See docs/STORAGE.md.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(
            names = "--conf-file",
            paramLabel = "<file>",
            description = "A properties file of object-store settings (keys as for --conf); --conf wins over it.")
    Path confFile;

    public CatalogConfig.Builder config() {
        CatalogConfig.Builder builder =
                catalogUrl == null ? CatalogConfig.embeddedDefault() : CatalogConfig.builder(catalogUrl);
        storageSettings().forEach(builder::storageSetting);
        String password = password(System.getenv());
        return password == null ? builder : builder.password(password);
    }

    /** The object-store settings of {@code --conf-file} and {@code --conf}, checked. */
    Map<String, String> storageSettings() {
        Map<String, String> settings = new TreeMap<>();
        if (confFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(confFile, StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("--conf-file " + confFile + ": cannot read it (" + e + ")", e);
            }
            file.forEach((k, v) ->
                    settings.put(String.valueOf(k).trim(), String.valueOf(v).trim()));
        }
        settings.putAll(conf);
        for (String key : settings.keySet()) {
            if (!key.startsWith("fs.s3a.") && !key.startsWith("fs.azure.")) {
                throw new IllegalArgumentException(
                        "--conf " + key + ": not an object-store setting; deltasql takes Hadoop's fs.s3a.* and"
                                + " fs.azure.* keys (docs/STORAGE.md)");
            }
        }
        return settings;
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
        settings.putAll(storageSettings());
        return settings;
    }

    public DeltaCatalog open() {
        return DeltaCatalog.open(config().build());
    }
}
