package io.deltasql.core.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.verify.Difference;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code _delta_log} holds that the catalog does not: files of versions after the catalog's
 * head (commits, checkpoints, checksums another engine wrote), and a {@code _last_checkpoint} that
 * points past the head or before the catalog's first version, i.e. into another history of the
 * table. Readers follow both, so either makes the log disagree with the catalog.
 */
public final class LogBeyondHead {
    /** Files of one version: {@code <20 digits>.json}, {@code .checkpoint…parquet}, {@code .crc}, compactions. */
    private static final Pattern VERSION_FILE = Pattern.compile("(\\d{20})\\..+");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogBeyondHead() {}

    public static void check(
            Storage storage, StorePath logDir, long firstVersion, long head, Consumer<Difference> differences)
            throws IOException {
        Map<Long, String> beyond = new TreeMap<>();
        for (FileStatus file : storage.list(logDir)) {
            String name = new StorePath(file.getPath()).name();
            Matcher m = VERSION_FILE.matcher(name);
            if (m.matches()) {
                long version = Long.parseLong(m.group(1));
                if (version > head) {
                    beyond.merge(version, name, (a, b) -> a.compareTo(b) <= 0 ? a + ", " + b : b + ", " + a);
                }
            }
        }
        for (Map.Entry<Long, String> e : beyond.entrySet()) {
            differences.accept(new Difference(
                    e.getKey(),
                    "version",
                    "absent (head is " + head + ")",
                    "present: " + e.getValue() + " in " + logDir + " (written by another engine?)"));
        }
        checkLastCheckpoint(storage, logDir.resolve("_last_checkpoint"), firstVersion, head, differences);
    }

    private static void checkLastCheckpoint(
            Storage storage, StorePath file, long firstVersion, long head, Consumer<Difference> differences) {
        long version;
        try {
            Optional<byte[]> content = storage.store(file).read(file.value());
            if (content.isEmpty()) {
                return;
            }
            JsonNode node = JSON.readTree(content.get()).get("version");
            if (node == null || !node.canConvertToLong()) {
                throw new IOException("no whole-number \"version\" field");
            }
            version = node.asLong();
        } catch (IOException | RuntimeException e) {
            differences.accept(new Difference(
                    head, "_last_checkpoint", "a checkpoint version", "unreadable: " + file + ": " + e.getMessage()));
            return;
        }
        if (version > head) {
            differences.accept(new Difference(
                    version,
                    "_last_checkpoint",
                    "versions " + firstVersion + " to " + head,
                    "points to version " + version + ", beyond the catalog's head (" + file + ")"));
        } else if (version < firstVersion) {
            differences.accept(new Difference(
                    version,
                    "_last_checkpoint",
                    "versions " + firstVersion + " to " + head,
                    "points to version " + version + ", which the catalog does not have (" + file + ")"));
        }
    }
}
