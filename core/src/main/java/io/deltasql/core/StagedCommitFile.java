package io.deltasql.core;

/**
 * A ratified version of a catalog-managed table and the staged commit file that holds it (in
 * {@code _delta_log/_staged_commits/}), as a catalog-managed table's clients are told of versions
 * not yet published to {@code _delta_log/<version>.json}; {@code timestamp} is the version's
 * in-commit timestamp.
 */
public record StagedCommitFile(
        long version, String fileName, long fileSize, long fileModificationTime, long timestamp) {}
