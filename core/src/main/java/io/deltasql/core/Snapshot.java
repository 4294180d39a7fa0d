package io.deltasql.core;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.List;
import java.util.Map;

/**
 * A Delta table's state at one version, immutable: protocol, metadata, active files (adds minus
 * removes by Delta's reconciliation rules), application transaction versions and domain metadata.
 */
public interface Snapshot {
    TableInfo table();

    long version();

    /** Commit timestamp of this version, milliseconds since the epoch. */
    long timestamp();

    Protocol protocol();

    Metadata metadata();

    /** Number of active files and their total size in bytes. */
    long numFiles();

    long sizeBytes();

    /** Latest {@code txn} version per application id. */
    Map<String, Long> appTransactions();

    /** Active (not removed) domain metadata by domain name. */
    Map<String, DomainMetadata> domainMetadata();

    /** All active files, held in memory (and cached). For very large tables prefer {@link #streamFiles()}. */
    List<AddFile> files();

    /** Active files one at a time with bounded memory; close the iterator when done. */
    CloseableIterator<AddFile> streamFiles();

    /**
     * The active files that pass {@code filter}, with bounded memory: from the cached list when
     * there is one, otherwise by a catalog query narrowed by the filter's paths and partition values.
     */
    CloseableIterator<AddFile> streamFiles(FileFilter filter);
}
