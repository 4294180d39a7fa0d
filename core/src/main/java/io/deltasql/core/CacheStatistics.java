package io.deltasql.core;

/** Figures of one snapshot cache: hits, misses, evictions and current size (entries, and weight where weighed). */
public record CacheStatistics(String name, long hits, long misses, long evictions, long size, long weight) {
    public double hitRatio() {
        long requests = hits + misses;
        return requests == 0 ? 1.0 : (double) hits / requests;
    }
}
