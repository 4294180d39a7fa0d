package io.deltasql.core.internal.store;

import io.deltasql.core.ImportedVersion;
import io.deltasql.core.internal.commit.CatalogManagedRules;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.List;

/**
 * The catalog uuid of an imported table: a catalog-managed table keeps its table id (its clients
 * know it by that id); any other table gets a random one. Only the protocol and metaData lines of
 * the imported versions are parsed, the file actions (nearly all of a log) are skipped.
 */
final class ImportedTableIds {
    private ImportedTableIds() {}

    static String catalogUuid(String table, List<ImportedVersion> versions) {
        Protocol protocol = null;
        Metadata metadata = null;
        for (ImportedVersion v : versions) {
            for (String line : v.actionLines()) {
                if (line.startsWith("{\"add\"") || line.startsWith("{\"remove\"")) {
                    continue;
                }
                Action a;
                try {
                    a = ActionCodec.parse(line);
                } catch (InvalidActionException e) {
                    continue; // ReplayWriter refuses it, naming its version and line
                }
                if (a instanceof Protocol p) {
                    protocol = p;
                } else if (a instanceof Metadata m) {
                    metadata = m;
                }
            }
        }
        return CatalogManagedRules.catalogUuid("Delta table '" + table + "'", protocol, metadata);
    }
}
