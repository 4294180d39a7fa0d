package io.deltasql.core;

/** A commit that landed: the table, the version it became and its timestamp. */
public record CommitResult(String table, long version, long timestamp, String commitId) {}
