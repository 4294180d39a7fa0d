package io.deltasql.tests.uc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A table's directory on disk: its published {@code _delta_log} and its Parquet data files. */
record TableDirectory(Path root) {
    /** The table's location as the UC client sends it ({@code file:/abs/path}). */
    String fileUri() {
        return "file:" + root;
    }

    /**
     * The names in {@code _delta_log}, sorted: published commits, checkpoints, {@code _last_checkpoint};
     * neither {@code _staged_commits/} (clients stage there before the catalog answers) nor hidden files.
     */
    List<String> logListing() throws IOException {
        Path log = root.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(log)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals("_staged_commits"))
                    .sorted()
                    .toList();
        }
    }

    /** The Parquet files under the table, relative to it, sorted. */
    List<String> parquetFiles() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !root.relativize(p).startsWith("_delta_log"))
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** Copies a data file of the table to another path in it; returns the copy's size. */
    long copy(String from, String to) throws IOException {
        Path target = root.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(root.resolve(from), target);
        return Files.size(target);
    }
}
