package io.deltasql.readers.uc;

import io.delta.kernel.Snapshot;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.unitycatalog.UCCatalogManagedClient;
import io.delta.kernel.unitycatalog.UCTableIdentifier;
import io.delta.storage.commit.uccommitcoordinator.UCTokenBasedRestClient;
import io.unitycatalog.client.auth.TokenProvider;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * One catalog-managed table as Delta Kernel 4.3's own Unity Catalog client sees it: the stock REST
 * client ({@link UCTokenBasedRestClient}, static bearer token), {@link UCCatalogManagedClient} over it,
 * and Kernel's default engine for the files. Nothing here talks HTTP or reads the log itself.
 */
final class UcTable implements AutoCloseable {
    static final String ENGINE_INFO = "deltasql-uc-client";

    private final Engine engine;
    private final UCTokenBasedRestClient restClient;
    private final UCCatalogManagedClient client;
    private final String tableId;
    private final String location;
    private final UCTableIdentifier name;

    private UcTable(
            Engine engine, UCTokenBasedRestClient restClient, String tableId, String location, UCTableIdentifier name) {
        this.engine = engine;
        this.restClient = restClient;
        this.client = new UCCatalogManagedClient(restClient);
        this.tableId = tableId;
        this.location = location;
        this.name = name;
    }

    static UcTable open(Arguments args) {
        Engine engine = newEngine();
        TokenProvider token = TokenProvider.create(Map.of("type", "static", "token", args.required("token")));
        UCTokenBasedRestClient rest =
                new UCTokenBasedRestClient(args.required("uri"), token, Map.of("deltasql-uc-client", "1"));
        // The committer compares the log path Kernel resolves (file:/a/b/_delta_log) with the one it
        // builds from the path it was given: both must be the same fully qualified form.
        String location = Utils.resolvePath(engine, args.required("location"));
        return new UcTable(engine, rest, args.required("table-id"), location, identifier(args.required("name")));
    }

    /** Hadoop's checksummed local file system would leave and check {@code .crc} files beside the log. */
    private static Engine newEngine() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        return DefaultEngine.create(conf);
    }

    private static UCTableIdentifier identifier(String fullName) {
        String[] parts = fullName.split("\\.", -1);
        if (parts.length != 3) {
            throw new Arguments.UsageException("--name must be catalog.schema.table, got: " + fullName);
        }
        return new UCTableIdentifier(parts[0], parts[1], parts[2]);
    }

    /** The latest snapshot, or the one at {@code version}: the catalog's commits plus the listed log. */
    Snapshot loadSnapshot(Optional<Long> version) {
        return client.loadSnapshot(engine, tableId, location, name, version, Optional.empty());
    }

    Engine engine() {
        return engine;
    }

    UCCatalogManagedClient client() {
        return client;
    }

    String tableId() {
        return tableId;
    }

    String location() {
        return location;
    }

    UCTableIdentifier name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        restClient.close();
    }
}
