package io.deltasql.server.cli;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableInfo;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.RemoveFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/deltasql demo}: a tour of the core API on the catalog (embedded by default). Creates
 * a partitioned table {@code demo_events}, commits to it twice, and prints in a few numbered
 * lines what happened: the table now, a time travel to the previous version, the history, and
 * where its {@code _delta_log} is. The demo runs once per catalog: a second run says that the
 * table exists and how to start over ({@code --reset}), rather than adding to it.
 */
@Command(
        name = "demo",
        description = {
            "Create a sample table demo_events, commit to it, time travel and show its history.",
            "Once per catalog: run it again with --reset to start over."
        })
public final class DemoCommand implements Callable<Integer> {
    static final String TABLE = "demo_events";
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Mixin
    CatalogOptions catalogOptions;

    @Option(
            names = "--location",
            paramLabel = "<dir>",
            description = "Where the demo table lives (default: ./deltasql-demo/demo_events).")
    Path location = Path.of("deltasql-demo", TABLE);

    @Option(
            names = "--reset",
            description =
                    "Start over: remove demo_events from the catalog and delete its _delta_log, then run the demo.")
    boolean reset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (DeltaCatalog catalog = catalogOptions.open()) {
            Optional<TableInfo> existing = catalog.findTable(TABLE);
            if (existing.isPresent() && !reset) {
                TableInfo t = existing.get();
                throw new IllegalStateException(
                        "the demo ran on this catalog before: table '" + TABLE + "' exists (version " + t.headVersion()
                                + ", at " + t.location() + "); 'deltasql demo --reset' starts it over");
            }
            if (existing.isPresent()) {
                deleteLog(existing.get().location());
                catalog.dropTable(TABLE);
                out.println("Removed the previous demo_events from the catalog and deleted its _delta_log.");
            }
            tour(catalog, out);
        }
        return 0;
    }

    private void tour(DeltaCatalog catalog, PrintWriter out) throws IOException {
        out.println("deltasql demo on the catalog " + catalog.config().redactedUrl());
        // Every commit also lands in the table's _delta_log, readable by any Delta engine.
        DeltaLogMirror.install(catalog);
        Path dir = Files.createDirectories(location.toAbsolutePath().normalize());
        catalog.createTable(new CreateTableRequest(
                TABLE, dir.toString(), SCHEMA, List.of("region"), Map.of("delta.checkpointInterval", "10")));
        out.println(
                "1. Created the table " + TABLE + " (id, region; partitioned by region) at " + dir + ": version 0.");

        long now = System.currentTimeMillis();
        AddFile eu = new AddFile(
                "region=eu/part-00000.parquet", Map.of("region", "eu"), 1024, now, true, "{\"numRecords\":10}");
        AddFile us = new AddFile(
                "region=us/part-00000.parquet", Map.of("region", "us"), 2048, now, true, "{\"numRecords\":20}");
        long appended = catalog.commit(CommitRequest.builder(TABLE, 0)
                        .add(eu)
                        .add(us)
                        .operation("WRITE")
                        .operationParameter("mode", "Append")
                        .build())
                .version();
        out.println("2. Appended two data files, one per region: version " + appended + ".");
        long deleted = catalog.commit(CommitRequest.builder(TABLE, appended)
                        .add(new RemoveFile(
                                eu.path(),
                                now,
                                true,
                                true,
                                eu.partitionValues(),
                                eu.size(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                Map.of()))
                        .operation("DELETE")
                        .operationParameter("predicate", "[\"(region = 'eu')\"]")
                        .build())
                .version();
        out.println("3. Deleted the eu rows (their file leaves the table): version " + deleted + ".");

        Snapshot latest = catalog.snapshot(TABLE);
        out.println("4. The table now, at version " + latest.version() + ": " + files(latest) + ".");
        Snapshot previous = catalog.snapshotAt(TABLE, deleted - 1);
        out.println("5. Time travel to version " + previous.version() + ": " + files(previous) + ".");
        out.println("6. History, newest first:");
        for (HistoryEntry h : catalog.history(TABLE, 10)) {
            out.printf(
                    "     version %d  %s  %-12s  %d file(s) added, %d removed%n",
                    h.version(),
                    TIME.format(Instant.ofEpochMilli(h.timestamp())),
                    h.operation(),
                    h.numAddedFiles(),
                    h.numRemovedFiles());
        }
        out.println("7. Mirrored through version " + catalog.mirrorStatus(TABLE).mirroredVersion() + " to "
                + dir.resolve("_delta_log") + ": Spark, Trino, DuckDB and Delta Kernel read it as a Delta table.");
        out.println("Next: deltasql sql"
                + (catalogOptions.catalogUrl == null
                        ? ""
                        : " --catalog '" + catalog.config().redactedUrl() + "'") + " -e 'SELECT * FROM \"" + TABLE
                + "$files\"'");
    }

    /** "2 files, 3072 bytes (region=eu/…, region=us/…)": what a snapshot holds. */
    private static String files(Snapshot s) {
        List<String> paths = s.files().stream().map(AddFile::path).sorted().toList();
        return s.numFiles() + " file(s), " + s.sizeBytes() + " bytes"
                + (paths.isEmpty() ? "" : " (" + String.join(", ", paths) + ")");
    }

    /** Deletes the {@code _delta_log} the demo's mirror wrote under {@code tableLocation}, and the table's directory if that leaves it empty. */
    private static void deleteLog(String tableLocation) throws IOException {
        Path dir = tableLocation.startsWith("file:") ? Path.of(URI.create(tableLocation)) : Path.of(tableLocation);
        Path log = dir.resolve("_delta_log");
        if (Files.isDirectory(log)) {
            try (Stream<Path> walk = Files.walk(log)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> rest = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            if (Files.exists(dir) && rest.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }
}
