package io.deltasql.core;

/** Cache and pool statistics of an open catalog. */
public record CatalogStats(CacheStatistics snapshotHeaders, CacheStatistics fileLists, PoolStats pool) {}
