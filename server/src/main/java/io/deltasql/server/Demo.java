package io.deltasql.server;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.AddFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/deltasql demo}: a tour of the core API on the embedded catalog. Creates (or reuses)
 * a partitioned table {@code demo_events}, appends two files, and prints the snapshot, a time
 * travel to the previous version and the history.
 */
public final class Demo {
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        try (DeltaCatalog catalog = DeltaCatalog.openEmbedded()) {
            System.out.println("catalog: " + catalog.config().redactedUrl());
            if (catalog.findTable("demo_events").isEmpty()) {
                Path location = Files.createDirectories(Path.of("deltasql-demo", "demo_events").toAbsolutePath());
                catalog.createTable(new CreateTableRequest("demo_events", location.toString(), SCHEMA, List.of("region"),
                        Map.of("delta.checkpointInterval", "10")));
                System.out.println("created demo_events at " + location);
            }
            Snapshot before = catalog.snapshot("demo_events");
            long n = before.version();
            var commit = catalog.commit(CommitRequest.builder("demo_events", n)
                    .add(new AddFile("region=eu/part-" + n + "-a.parquet", Map.of("region", "eu"), 1024, System.currentTimeMillis(), true,
                            "{\"numRecords\":10}"))
                    .add(new AddFile("region=us/part-" + n + "-b.parquet", Map.of("region", "us"), 2048, System.currentTimeMillis(), true,
                            "{\"numRecords\":20}"))
                    .operation("WRITE").operationParameter("mode", "Append").build());
            System.out.println("committed version " + commit.version());

            Snapshot latest = catalog.snapshot("demo_events");
            System.out.printf("latest: version %d, %d files, %d bytes%n", latest.version(), latest.numFiles(), latest.sizeBytes());
            latest.files().forEach(f -> System.out.println("  " + f.path() + " " + f.partitionValues()));
            Snapshot previous = catalog.snapshotAt("demo_events", commit.version() - 1);
            System.out.printf("time travel to version %d: %d files%n", previous.version(), previous.numFiles());
            System.out.println("history:");
            for (HistoryEntry h : catalog.history("demo_events", 5)) {
                System.out.printf("  v%d %s %s +%d -%d%n", h.version(), java.time.Instant.ofEpochMilli(h.timestamp()),
                        h.operation(), h.numAddedFiles(), h.numRemovedFiles());
            }
            System.out.println("cache: " + catalog.stats());
        }
    }
}
