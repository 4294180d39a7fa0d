package io.deltasql.core;

/** One action of a table's log as stored: its version, its place in the commit, its kind and its original JSON. */
public record LogEntry(long version, long seq, String actionType, String json) {}
