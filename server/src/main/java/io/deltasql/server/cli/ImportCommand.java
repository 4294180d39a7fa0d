package io.deltasql.server.cli;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.TableInfo;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deltasql import <table-path> [--name n]}: registers an existing Delta table with its
 * history; with {@code --catch-up}, loads the versions another engine committed to an already
 * imported table since; with {@code --replace}, imports a table's log again, replacing the catalog's
 * copy (for a table another engine rewrote).
 */
@Command(name = "import", description = "Import an existing Delta table (its _delta_log and history) into the catalog.")
public final class ImportCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(
            index = "0",
            paramLabel = "<table-location>",
            description = "The table's directory (holding _delta_log): a local path, or a URI on an object store"
                    + " (s3://bucket/path, s3a://…; give its settings with --conf).")
    String tableLocation;

    @Option(
            names = "--name",
            paramLabel = "<name>",
            description = "Name in the catalog (default: the directory's name).")
    String name;

    @Option(
            names = "--catch-up",
            description = "The table is imported already: load only the versions committed since.")
    boolean catchUp;

    @Option(
            names = "--replace",
            description = "The table is imported already: import its log again, replacing what the catalog "
                    + "has of it (after another engine rewrote it).")
    boolean replace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean local = !tableLocation.contains("://");
        String tableName = name != null
                ? name
                : local
                        ? Path.of(tableLocation)
                                .toAbsolutePath()
                                .normalize()
                                .getFileName()
                                .toString()
                        : lastName(tableLocation);
        ImportProgress progress = progressLines(out);
        try (DeltaCatalog catalog = catalogOptions.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            if (catchUp && replace) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--catch-up and --replace exclude each other");
            }
            TableInfo t = catchUp
                    ? importer.catchUp(tableName, progress)
                    : replace
                            ? local
                                    ? importer.reimportTable(Path.of(tableLocation), tableName, progress)
                                    : importer.reimportTable(tableLocation, tableName, progress)
                            : local
                                    ? importer.importTable(Path.of(tableLocation), tableName, progress)
                                    : importer.importTable(tableLocation, tableName, progress);
            out.println((catchUp ? "caught up " : replace ? "re-imported " : "imported ") + "table '" + t.name()
                    + "' at version " + t.headVersion() + " ("
                    + catalog.snapshot(t.name()).numFiles() + " active files) from " + t.location());
            return 0;
        }
    }

    /** The last name of a URI's path: {@code s3://b/lake/events/} is {@code events}. */
    private static String lastName(String uri) {
        String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return u.substring(u.lastIndexOf('/') + 1);
    }

    /** A progress line every 10% (and at the end) for logs of more than 100 versions. */
    private static ImportProgress progressLines(PrintWriter out) {
        return new ImportProgress() {
            private long lastTenth = -1;

            @Override
            public void versionsRead(long done, long total) {
                if (total <= 100) {
                    return;
                }
                long tenth = done * 10 / total;
                if (tenth != lastTenth) {
                    lastTenth = tenth;
                    out.printf("read %d of %d versions (%d%%)%n", done, total, done * 100 / total);
                }
            }
        };
    }
}
