package io.deltasql.core;

import java.util.List;

/**
 * One version of a Delta table written by another engine, to be loaded into the catalog as it is:
 * its version number, its timestamp (the time Delta readers give it: its in-commit timestamp where
 * the table has them enabled, else its commit file's modification time made monotonic; stored as
 * given, raised only to the previous version's), and its actions as the original JSON lines. A {@code checkpointState}
 * version is not a commit but the table's whole state at that version, read from a checkpoint
 * because the commits before it were cleaned up; it becomes the first version of the import.
 */
public record ImportedVersion(long version, long timestamp, List<String> actionLines, boolean checkpointState) {
    public ImportedVersion {
        actionLines = List.copyOf(actionLines);
    }
}
