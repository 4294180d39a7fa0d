package io.deltasql.core.internal.commit;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.internal.store.SnapshotHeader;
import io.deltasql.core.protocol.TableSchemas;

/**
 * Commits to a table whose current metaData has no schema yet (imported from a writer that starts
 * a table with an empty schemaString): no Delta writer can add data to a table without columns, so
 * only a commit whose metaData brings the schema is accepted. (A metaData without one is refused
 * earlier, by {@link CommitValidator#prepare}.)
 */
public final class SchemalessTables {
    private SchemalessTables() {}

    public static void checkCommit(PreparedCommit commit, SnapshotHeader head) {
        if (commit.metadata() == null && TableSchemas.isMissing(head.metadata().schemaString())) {
            throw DeltaSqlErrors.unsupported(
                    "Delta table '" + commit.table() + "' has no schema at version " + head.version()
                            + " (its metaData's schemaString is empty); a commit to it must bring a metaData with the schema");
        }
    }
}
