package io.deltasql.core;

import java.util.List;

/**
 * A commit a catalog-managed table's client wrote to a staged commit file
 * ({@code _delta_log/_staged_commits/<version>.<uuid>.json}) and asks the catalog to ratify as
 * {@code version}: the file's name, size and modification time as the client reports them, and its
 * lines, which the catalog stores as they are.
 */
public record StagedCommit(
        String table, long version, String fileName, long fileSize, long fileModificationTime, List<String> lines) {
    public StagedCommit {
        lines = List.copyOf(lines);
    }
}
