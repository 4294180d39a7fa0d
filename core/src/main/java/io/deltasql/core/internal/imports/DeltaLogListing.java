package io.deltasql.core.internal.imports;

import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a {@code _delta_log} on any store: JSON commits by version (with the store's size
 * and time of each), and the versions that have a checkpoint of any kind.
 */
public record DeltaLogListing(
        Storage storage, StorePath logDir, TreeMap<Long, FileStatus> commits, TreeSet<Long> checkpoints) {
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT =
            Pattern.compile("(\\d{20})\\.checkpoint(\\.\\d{10}\\.\\d{10}|\\.[^.]+)?\\.(parquet|json)");

    public static DeltaLogListing of(Storage storage, StorePath tableRoot) {
        StorePath logDir = tableRoot.resolve("_delta_log");
        if (logDir.isLocal() && !Files.isDirectory(logDir.toLocal())) {
            throw noLog(tableRoot);
        }
        List<FileStatus> files;
        try {
            files = storage.list(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + logDir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty() && !logDir.isLocal()) {
            throw noLog(tableRoot);
        }
        TreeMap<Long, FileStatus> commits = new TreeMap<>();
        TreeSet<Long> checkpoints = new TreeSet<>();
        for (FileStatus f : files) {
            String name = new StorePath(f.getPath()).name();
            Matcher c = COMMIT.matcher(name);
            if (c.matches()) {
                commits.put(Long.parseLong(c.group(1)), f);
                continue;
            }
            Matcher k = CHECKPOINT.matcher(name);
            if (k.matches()) {
                checkpoints.add(Long.parseLong(k.group(1)));
            }
        }
        return new DeltaLogListing(storage, logDir, commits, checkpoints);
    }

    private static RuntimeException noLog(StorePath tableRoot) {
        return DeltaSqlErrors.invalid("cannot import " + tableRoot + ": it has no _delta_log folder");
    }

    public long latestVersion() {
        long latest = commits.isEmpty() ? -1 : commits.lastKey();
        return checkpoints.isEmpty() ? latest : Math.max(latest, checkpoints.last());
    }

    /** True when every JSON commit from {@code from} to {@code to} is present. */
    public boolean commitsCover(long from, long to) {
        return from > to || commits.subMap(from, true, to, true).size() == to - from + 1;
    }

    /** The lines of the JSON commit of {@code version}, which the listing holds. */
    public List<String> lines(long version) {
        FileStatus file = commits.get(version);
        try {
            byte[] content = storage.store(file.getPath())
                    .read(file.getPath())
                    .orElseThrow(() -> new IOException("it was removed since the log was listed"));
            List<String> lines = new ArrayList<>();
            for (String line : new String(content, StandardCharsets.UTF_8).split("\r?\n")) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getPath() + ": " + e.getMessage(), e);
        }
    }
}
