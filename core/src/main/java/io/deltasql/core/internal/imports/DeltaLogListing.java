package io.deltasql.core.internal.imports;

import io.deltasql.core.DeltaSqlErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files of a {@code _delta_log}: JSON commits by version, and the versions that have a checkpoint of any kind. */
public record DeltaLogListing(Path logDir, TreeMap<Long, Path> commits, TreeSet<Long> checkpoints) {
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT =
            Pattern.compile("(\\d{20})\\.checkpoint(\\.\\d{10}\\.\\d{10}|\\.[^.]+)?\\.(parquet|json)");

    public static DeltaLogListing of(Path tableRoot) {
        Path logDir = tableRoot.resolve("_delta_log");
        if (!Files.isDirectory(logDir)) {
            throw DeltaSqlErrors.invalid("cannot import " + tableRoot + ": it has no _delta_log folder");
        }
        TreeMap<Long, Path> commits = new TreeMap<>();
        TreeSet<Long> checkpoints = new TreeSet<>();
        try (Stream<Path> files = Files.list(logDir)) {
            files.forEach(p -> {
                String name = p.getFileName().toString();
                Matcher c = COMMIT.matcher(name);
                if (c.matches()) {
                    commits.put(Long.parseLong(c.group(1)), p);
                    return;
                }
                Matcher k = CHECKPOINT.matcher(name);
                if (k.matches()) {
                    checkpoints.add(Long.parseLong(k.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + logDir, e);
        }
        return new DeltaLogListing(logDir, commits, checkpoints);
    }

    public long latestVersion() {
        long latest = commits.isEmpty() ? -1 : commits.lastKey();
        return checkpoints.isEmpty() ? latest : Math.max(latest, checkpoints.last());
    }

    /** True when every JSON commit from {@code from} to {@code to} is present. */
    public boolean commitsCover(long from, long to) {
        return from > to || commits.subMap(from, true, to, true).size() == to - from + 1;
    }
}
