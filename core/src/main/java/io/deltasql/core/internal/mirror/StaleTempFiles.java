package io.deltasql.core.internal.mirror;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Removes the temp files the mirror leaves in a {@code _delta_log} when its process dies mid-write:
 * {@code .<name>.<uuid>.tmp} (see {@link LocalLogFiles}), and only those older than a write could
 * take, so a write in progress in another process keeps its file. Nothing else is touched.
 */
public final class StaleTempFiles {
    /** Far longer than writing one log file takes, even on a slow disk. */
    public static final Duration MIN_AGE = Duration.ofMinutes(15);

    private static final Pattern TEMP =
            Pattern.compile("\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private StaleTempFiles() {}

    static boolean isMirrorTemp(String fileName) {
        return TEMP.matcher(fileName).matches();
    }

    /** Deletes the mirror's temp files in {@code logDir} last modified before {@code now - MIN_AGE}; returns how many. */
    public static int remove(Path logDir, Instant now) throws IOException {
        Instant cutoff = now.minus(MIN_AGE);
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(logDir, ".*.tmp")) {
            for (Path file : temps) {
                if (!isMirrorTemp(file.getFileName().toString())) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    if (a.isRegularFile()
                            && a.lastModifiedTime().toInstant().isBefore(cutoff)
                            && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // Its writer finished (or another sweep removed it) in the meantime.
                }
            }
        } catch (NoSuchFileException | NotDirectoryException noLog) {
            return 0;
        }
        return removed;
    }
}
