package io.deltasql.core;

import io.deltasql.core.protocol.CommitInfo;

/**
 * One version of a table's history: when it was committed, its commitInfo (null when the writer
 * wrote none) and how many files it added and removed.
 */
public record HistoryEntry(
        long version,
        long timestamp,
        String operation,
        CommitInfo commitInfo,
        long numAddedFiles,
        long numRemovedFiles,
        boolean blindAppend) {}
