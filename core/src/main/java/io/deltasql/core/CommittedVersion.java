package io.deltasql.core;

import io.deltasql.core.protocol.Metadata;
import java.util.List;

/**
 * A version a commit created, with what a {@link CommitListener} needs to act on it without asking
 * the catalog again: the table as of the commit (location, id, new head), the version's JSON lines
 * exactly as the catalog stores them (commitInfo first), and the table's metaData at the version.
 */
public record CommittedVersion(CommitResult result, TableInfo table, List<String> lines, Metadata metadata) {
    public CommittedVersion {
        lines = List.copyOf(lines);
    }

    public long version() {
        return result.version();
    }
}
