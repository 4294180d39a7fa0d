package io.deltasql.server.cli;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.Snapshot;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.io.PrintWriter;

/**
 * {@code bin/deltasql demo}: a tour of the core API on the catalog (embedded by default). Creates
 * (or reuses) a partitioned table {@code demo_events}, appends two files, and prints the snapshot,
 * a time travel to the previous version and the history.
 */
@Command(name = "demo", description = "Create a sample table, commit to it, time travel and show its history.")
public final class DemoCommand implements Callable<Integer> {
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";

    @Mixin
    CatalogOptions catalogOptions;

    @Option(names = "--location", paramLabel = "<dir>", description = "Where the demo table lives (default: ./deltasql-demo/demo_events).")
    Path location = Path.of("deltasql-demo", "demo_events");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (DeltaCatalog catalog = catalogOptions.open()) {
            out.println("catalog: " + catalog.config().redactedUrl());
            // Every commit also lands in the table's _delta_log, readable by any Delta engine.
            DeltaLogMirror.install(catalog);
            if (catalog.findTable("demo_events").isEmpty()) {
                Path dir = Files.createDirectories(location.toAbsolutePath());
                catalog.createTable(new CreateTableRequest("demo_events", dir.toString(), SCHEMA, List.of("region"),
                        Map.of("delta.checkpointInterval", "10")));
                out.println("created demo_events at " + dir);
            }
            Snapshot before = catalog.snapshot("demo_events");
            long n = before.version();
            var commit = catalog.commit(CommitRequest.builder("demo_events", n)
                    .add(new AddFile("region=eu/part-" + n + "-a.parquet", Map.of("region", "eu"), 1024, System.currentTimeMillis(), true,
                            "{\"numRecords\":10}"))
                    .add(new AddFile("region=us/part-" + n + "-b.parquet", Map.of("region", "us"), 2048, System.currentTimeMillis(), true,
                            "{\"numRecords\":20}"))
                    .operation("WRITE").operationParameter("mode", "Append").build());
            out.println("committed version " + commit.version());

            Snapshot latest = catalog.snapshot("demo_events");
            out.printf("latest: version %d, %d files, %d bytes%n", latest.version(), latest.numFiles(), latest.sizeBytes());
            latest.files().forEach(f -> out.println("  " + f.path() + " " + f.partitionValues()));
            Snapshot previous = catalog.snapshotAt("demo_events", commit.version() - 1);
            out.printf("time travel to version %d: %d files%n", previous.version(), previous.numFiles());
            out.println("history:");
            for (HistoryEntry h : catalog.history("demo_events", 5)) {
                out.printf("  v%d %s %s +%d -%d%n", h.version(), java.time.Instant.ofEpochMilli(h.timestamp()),
                        h.operation(), h.numAddedFiles(), h.numRemovedFiles());
            }
            out.println("_delta_log: mirrored through version " + catalog.mirrorStatus("demo_events").mirroredVersion()
                    + " at " + catalog.table("demo_events").location());
            out.println("cache: " + catalog.stats());
        }
        return 0;
    }
}
