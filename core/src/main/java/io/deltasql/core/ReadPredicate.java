package io.deltasql.core;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What part of a table a commit's decision depended on, for Delta's conflict check: files that a
 * concurrent commit added and that match the predicate would have changed this commit's outcome.
 * A blind append reads {@link #NONE}; a DELETE with a filter on partition columns reads
 * {@link #partitions}; anything that looked at data reads {@link #ALL}.
 */
public final class ReadPredicate {
    /** Read nothing: concurrent appends never conflict. */
    public static final ReadPredicate NONE = new ReadPredicate("nothing", pv -> false);
    /** Read the whole table: any concurrent data-changing append conflicts. */
    public static final ReadPredicate ALL = new ReadPredicate("the whole table", pv -> true);

    private final String description;
    private final Predicate<Map<String, String>> partitionFilter;

    private ReadPredicate(String description, Predicate<Map<String, String>> partitionFilter) {
        this.description = description;
        this.partitionFilter = partitionFilter;
    }

    /** Read the files whose partition values match {@code filter}; {@code description} appears in conflict messages. */
    public static ReadPredicate partitions(String description, Predicate<Map<String, String>> filter) {
        return new ReadPredicate(Objects.requireNonNull(description), Objects.requireNonNull(filter));
    }

    /** What either predicate read (for a transaction that staged several statements on one table). */
    public ReadPredicate or(ReadPredicate other) {
        if (this == ALL || other == ALL) {
            return ALL;
        }
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        ReadPredicate a = this;
        return new ReadPredicate(a.description + " or " + other.description, pv -> a.matches(pv) || other.matches(pv));
    }

    /** Whether a file with these partition values lies in what was read. */
    public boolean matches(Map<String, String> partitionValues) {
        return partitionFilter.test(partitionValues);
    }

    public boolean isNone() {
        return this == NONE;
    }

    @Override
    public String toString() {
        return description;
    }
}
