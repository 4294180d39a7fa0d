package io.deltasql.core;

/**
 * A registered Delta table as the catalog's registry row describes it: its name, where its data
 * and {@code _delta_log} live, and its head (latest) version.
 */
public record TableInfo(
        long id,
        String name,
        String location,
        String tableUuid,
        long createdAt,
        long headVersion,
        long headTimestamp) {}
