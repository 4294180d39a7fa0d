package io.deltasql.calcite;

import io.deltasql.core.FileKey;
import io.deltasql.core.protocol.AddFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The active files of a table view under given paths, asked of the catalog a batch of paths at a time. */
final class ActiveFileLookup {
    /** Paths per catalog lookup: keeps each query's parameter list well inside every dialect's limit. */
    private static final int BATCH = 500;

    private ActiveFileLookup() {}

    /** Every active file (one entry per deletion vector) whose path is one of {@code paths}. */
    static Map<FileKey, AddFile> byPaths(TableView view, Set<String> paths) {
        Map<FileKey, AddFile> active = new HashMap<>();
        for (Set<String> batch : batches(paths)) {
            active.putAll(view.activeFiles(batch));
        }
        return active;
    }

    private static List<Set<String>> batches(Set<String> values) {
        List<Set<String>> batches = new ArrayList<>();
        Set<String> current = new LinkedHashSet<>();
        for (String v : values) {
            current.add(v);
            if (current.size() == BATCH) {
                batches.add(current);
                current = new LinkedHashSet<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
