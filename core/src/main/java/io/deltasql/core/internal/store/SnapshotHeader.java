package io.deltasql.core.internal.store;

import io.deltasql.core.TableInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.Map;

/**
 * Everything about a snapshot except its file list: small, immutable, cached per (table, version).
 */
public record SnapshotHeader(
        TableInfo table,
        long version,
        long timestamp,
        Protocol protocol,
        Metadata metadata,
        long numFiles,
        long sizeBytes,
        Map<String, Long> appTransactions,
        Map<String, DomainMetadata> domainMetadata) {
    public SnapshotHeader {
        appTransactions = Map.copyOf(appTransactions);
        domainMetadata = Map.copyOf(domainMetadata);
    }
}
