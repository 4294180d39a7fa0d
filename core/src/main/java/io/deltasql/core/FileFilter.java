package io.deltasql.core;

import io.deltasql.core.internal.commit.CommitValidator;
import io.deltasql.core.protocol.AddFile;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A restriction of a file listing to some paths and some partition values, pushed down to the
 * catalog query (or applied to a cached file list). An empty filter admits every file. A
 * partition value of {@code null} in an allowed set stands for a null partition value.
 */
public final class FileFilter {
    public static final FileFilter ALL = new FileFilter(null, Map.of());

    private final Set<String> paths;
    private final Map<String, Set<String>> partitionValues;

    private FileFilter(Set<String> paths, Map<String, Set<String>> partitionValues) {
        this.paths = paths;
        this.partitionValues = partitionValues;
    }

    /**
     * Files whose path is one of {@code paths}. Paths longer than any file's can be (see
     * {@link io.deltasql.core.internal.commit.CommitValidator#MAX_PATH_LENGTH}) match nothing and are left
     * out, so they never travel to the catalog (where MariaDB ends the connection on a statement
     * beyond its packet size).
     */
    public FileFilter withPaths(Set<String> allowed) {
        Set<String> merged = new HashSet<>();
        for (String p : allowed) {
            if (p == null || p.length() <= CommitValidator.MAX_PATH_LENGTH) {
                merged.add(p);
            }
        }
        if (paths != null) {
            merged.retainAll(paths);
        }
        return new FileFilter(Collections.unmodifiableSet(merged), partitionValues);
    }

    /** Files whose partition column {@code column} has one of {@code values} (null allowed for "is null"). */
    public FileFilter withPartition(String column, Set<String> values) {
        Map<String, Set<String>> merged = new LinkedHashMap<>(partitionValues);
        Set<String> allowed = new HashSet<>(values);
        Set<String> existing = merged.get(column);
        if (existing != null) {
            allowed.retainAll(existing);
        }
        merged.put(column, Collections.unmodifiableSet(allowed));
        return new FileFilter(paths, Collections.unmodifiableMap(merged));
    }

    /** The allowed paths, or null when any path is. */
    public Set<String> paths() {
        return paths;
    }

    /** Allowed values per partition column. */
    public Map<String, Set<String>> partitionValues() {
        return partitionValues;
    }

    public boolean isAll() {
        return paths == null && partitionValues.isEmpty();
    }

    /** True when no file can match (an empty set of allowed paths or values). */
    public boolean isEmpty() {
        return (paths != null && paths.isEmpty())
                || partitionValues.values().stream().anyMatch(Set::isEmpty);
    }

    public boolean matches(AddFile file) {
        if (paths != null && !paths.contains(file.path())) {
            return false;
        }
        return matchesPartition(file.partitionValues());
    }

    /** Whether partition values (as Delta writes them: strings, null for a null value) pass the filter. */
    public boolean matchesPartition(Map<String, String> values) {
        for (Map.Entry<String, Set<String>> e : partitionValues.entrySet()) {
            if (!e.getValue().contains(values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        if (isAll()) {
            return "all files";
        }
        StringBuilder sb = new StringBuilder();
        if (paths != null) {
            sb.append("path in ").append(paths);
        }
        partitionValues.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " and ")
                .append(k)
                .append(" in ")
                .append(v));
        return sb.toString();
    }
}
