package io.deltasql.core;

/**
 * A version of a catalog-managed table after its published ones, with the staged commit file that
 * holds it, or a null {@code file} for a version deltasql committed itself and has not staged.
 */
public record UnpublishedVersion(long version, long timestamp, StagedCommitFile file) {}
