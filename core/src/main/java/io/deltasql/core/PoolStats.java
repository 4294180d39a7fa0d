package io.deltasql.core;

/** Connection pool figures at one moment. */
public record PoolStats(int active, int idle, int waiting, int total, int maximum) {}
