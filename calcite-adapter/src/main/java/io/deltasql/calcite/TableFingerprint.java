package io.deltasql.calcite;

import io.deltasql.core.protocol.Metadata;
import java.util.List;

/**
 * What a plan takes from a Delta table when it is built: which table it is (Delta's table id, new
 * when a table is dropped and created again), its partition columns and its schema (the columns of
 * its virtual tables). A cached plan is reused only while these are unchanged.
 */
record TableFingerprint(String tableId, List<String> partitionColumns, String schemaString) {
    static TableFingerprint of(Metadata metadata) {
        return new TableFingerprint(metadata.id(), List.copyOf(metadata.partitionColumns()), metadata.schemaString());
    }
}
