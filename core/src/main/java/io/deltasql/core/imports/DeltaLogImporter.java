package io.deltasql.core.imports;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.ImportedVersion;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.TableInfo;
import io.deltasql.core.internal.commit.CatalogLimits;
import io.deltasql.core.internal.commit.ProtocolSupport;
import io.deltasql.core.internal.imports.CheckpointStates;
import io.deltasql.core.internal.imports.DeltaCommitTimes;
import io.deltasql.core.internal.imports.DeltaLogListing;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.TableSchemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports a Delta table written by another engine from its {@code _delta_log}, with its whole
 * reconstructable history: every JSON commit when the log is complete from version 0, otherwise
 * the state at the oldest readable checkpoint that the remaining commits follow (read by Delta
 * Kernel) and the commits after it — every version a Delta reader can load. All or nothing: a log that cannot be read is refused with the reason, and
 * the catalog is left unchanged. {@link #catchUp} brings an imported table up to date with
 * versions another engine committed since, without duplicating any.
 */
public final class DeltaLogImporter {
    private final DeltaCatalog catalog;
    private final Storage storage;

    /** An importer reading logs from their stores with the catalog's storage settings. */
    public DeltaLogImporter(DeltaCatalog catalog) {
        this.catalog = catalog;
        this.storage = Storage.of(catalog.config());
    }

    /** Imports the local table at {@code tableRoot} under {@code name}. */
    public TableInfo importTable(Path tableRoot, String name, ImportProgress progress) {
        return importTable(StorePath.of(directoryOf(tableRoot)), name, progress, false);
    }

    /**
     * Imports the table at {@code location} under {@code name}: a local path or {@code file:} URI,
     * or a URI of an object store ({@code s3://bucket/path}, …).
     */
    public TableInfo importTable(String location, String name, ImportProgress progress) {
        return importTable(rootOf(location, name), name, progress, false);
    }

    /** Imports the table at {@code location} again under the registered {@code name} (see {@link #reimportTable(Path, String, ImportProgress)}). */
    public TableInfo reimportTable(String location, String name, ImportProgress progress) {
        return importTable(rootOf(location, name), name, progress, true);
    }

    private static StorePath rootOf(String location, String name) {
        StorePath root = TableLocations.directory(name, location);
        return root.isLocal() ? StorePath.of(directoryOf(root.toLocal())) : root;
    }

    /**
     * Imports the table at {@code tableRoot} again under the registered {@code name}, replacing what
     * the catalog had of it (all or nothing): for a table whose log another engine rewrote.
     */
    public TableInfo reimportTable(Path tableRoot, String name, ImportProgress progress) {
        return importTable(StorePath.of(directoryOf(tableRoot)), name, progress, true);
    }

    private TableInfo importTable(StorePath root, String name, ImportProgress progress, boolean replace) {
        DeltaLogListing log = DeltaLogListing.of(storage, root);
        long latest = log.latestVersion();
        if (latest < 0) {
            throw refuse(root, "its _delta_log holds no commits");
        }
        List<ImportedVersion> versions = new ArrayList<>();
        long first;
        if (log.commitsCover(0, latest)) {
            first = 0;
        } else {
            CheckpointStart start = oldestReadableCheckpoint(root, log, latest);
            long checkpoint = start.version();
            List<String> state = start.state();
            validate(root, checkpoint, state);
            versions.add(new ImportedVersion(
                    checkpoint,
                    CheckpointStates.timestamp(storage, root, checkpoint).orElse(0L),
                    state,
                    true));
            first = checkpoint + 1;
        }
        long total = latest - first + 1;
        for (long v = first; v <= latest; v++) {
            versions.add(read(root, log, v));
            progress.versionsRead(v - first + 1, total);
        }
        if (first == 0) {
            requireProtocolAndMetadata(root, versions.get(0));
        }
        requireSomeSchema(root, versions);
        versions = DeltaCommitTimes.of(log, versions, Long.MIN_VALUE, Map.of());
        return replace
                ? catalog.reimportTable(name, root.toString(), versions)
                : catalog.importTable(name, root.toString(), versions);
    }

    /** The state a log cleaned up before its first commits starts from: a checkpoint version and its actions. */
    private record CheckpointStart(long version, List<String> state) {}

    /**
     * The oldest checkpoint that every later commit follows and Delta Kernel can read: the first
     * version a Delta reader can reconstruct, so every later one is imported. A checkpoint Kernel
     * cannot read (corrupt, or incomplete with the commits before it removed) gives no version of
     * its own, and the next one is tried.
     */
    private CheckpointStart oldestReadableCheckpoint(StorePath root, DeltaLogListing log, long latest) {
        List<Long> candidates = log.checkpoints().stream()
                .filter(c -> c <= latest && log.commitsCover(c + 1, latest))
                .toList();
        if (candidates.isEmpty()) {
            throw refuse(
                    root,
                    "its versions are not contiguous (missing " + missing(log, latest)
                            + ") and no checkpoint bridges the gap");
        }
        List<String> unreadable = new ArrayList<>();
        for (long c : candidates) {
            try {
                return new CheckpointStart(c, CheckpointStates.stateAt(storage, root, c));
            } catch (RuntimeException e) {
                unreadable.add("version " + c + ": " + e.getMessage());
            }
        }
        throw refuse(
                root,
                "its versions before " + candidates.get(0) + " were removed and no checkpoint after them"
                        + " can be read (" + String.join("; ", unreadable) + ")");
    }

    /** Loads the versions committed to an imported table's log after the catalog's head. */
    public TableInfo catchUp(String name, ImportProgress progress) {
        TableInfo table = catalog.table(name);
        StorePath root = TableLocations.directory(name, table.location());
        DeltaLogListing log = DeltaLogListing.of(storage, root);
        long latest = log.latestVersion();
        if (latest <= table.headVersion()) {
            return table;
        }
        if (!log.commitsCover(table.headVersion() + 1, latest)) {
            throw refuse(
                    root,
                    "versions after " + table.headVersion() + " are not contiguous (missing " + missing(log, latest)
                            + ")");
        }
        List<ImportedVersion> versions = new ArrayList<>();
        for (long v = table.headVersion() + 1; v <= latest; v++) {
            versions.add(read(root, log, v));
            progress.versionsRead(v - table.headVersion(), latest - table.headVersion());
        }
        versions = DeltaCommitTimes.of(
                log,
                versions,
                table.headTimestamp(),
                catalog.snapshotAt(name, table.headVersion()).metadata().configuration());
        return catalog.appendImported(name, versions);
    }

    /**
     * The table's directory as an absolute path. A {@code ..} in it (a relative path given on the
     * command line, say) is resolved by the file system, which follows symbolic links, never
     * textually; the registered location never holds one.
     */
    private static Path directoryOf(Path tableRoot) {
        Path absolute = tableRoot.toAbsolutePath();
        for (Path name : absolute) {
            if (name.toString().equals("..")) {
                try {
                    return absolute.toRealPath();
                } catch (IOException e) {
                    throw DeltaSqlErrors.invalid("cannot import " + tableRoot + ": " + e.getMessage(), e);
                }
            }
        }
        return absolute.normalize();
    }

    private static ImportedVersion read(StorePath root, DeltaLogListing log, long version) {
        List<String> lines = new ArrayList<>();
        for (String line : log.lines(version)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        long timestamp = log.commits().get(version).getModificationTime();
        validate(root, version, lines);
        // The file's time; DeltaCommitTimes decides the time Delta readers give the version.
        return new ImportedVersion(version, timestamp, lines, false);
    }

    /** Refuses actions deltasql cannot keep. */
    private static void validate(StorePath root, long version, List<String> lines) {
        int n = 0;
        for (String line : lines) {
            n++;
            Action a;
            try {
                a = ActionCodec.parse(line);
            } catch (InvalidActionException e) {
                throw refuse(root, "version " + version + ", line " + n + ": " + e.getMessage());
            }
            // The limits every commit meets: an imported value beyond them could not be served afterwards.
            CatalogLimits.checkAction(
                    "cannot import the Delta table at " + root + ": version " + version + ", line " + n, a);
            if (a instanceof Protocol p) {
                ProtocolSupport.checkReadable(root.toString(), p);
            } else if (a instanceof Metadata m) {
                checkSchema(root, version, m);
            }
        }
    }

    /**
     * A metaData's schemaString must be a Delta struct schema (JSON) that its partition columns fit,
     * the same check a commit gets: a table with an unreadable schema could not be queried or read
     * by any Delta reader. An empty one is a table whose schema comes in a later version, as some
     * pipeline writers do; Delta Kernel reads the versions after it. A metaData with no
     * schemaString field at all makes Kernel refuse every version whose log holds it (the field is
     * required), so such a log is refused too.
     */
    private static void checkSchema(StorePath root, long version, Metadata m) {
        if (m.schemaString() == null) {
            throw refuse(
                    root,
                    "version " + version + " has a metaData action without schemaString, a field Delta"
                            + " readers require (an empty string marks a schema that comes later)");
        }
        if (TableSchemas.isMissing(m.schemaString())) {
            return;
        }
        try {
            TableSchemas.validate(root.toString(), m.schemaString(), m.partitionColumns());
        } catch (InvalidRequestException e) {
            String why = e.getMessage().substring(e.getMessage().indexOf("invalid schema"));
            throw refuse(root, "version " + version + ", metaData: " + why);
        }
    }

    /** A table starts with its protocol and metaData; Delta readers refuse a log whose version 0 lacks either. */
    private static void requireProtocolAndMetadata(StorePath root, ImportedVersion first) {
        boolean protocol = false;
        boolean metadata = false;
        for (String line : first.actionLines()) {
            Action a = ActionCodec.parse(line);
            protocol |= a instanceof Protocol;
            metadata |= a instanceof Metadata;
        }
        if (!protocol || !metadata) {
            throw refuse(root, "version 0 has no " + (protocol ? "metaData" : "protocol") + " action");
        }
    }

    /**
     * Refuses a log whose metaData actions all have an empty schema: Delta Kernel can load none of
     * its versions. (A version without a schema is kept when a later one brings it.)
     */
    private static void requireSomeSchema(StorePath root, List<ImportedVersion> versions) {
        for (ImportedVersion v : versions) {
            for (String line : v.actionLines()) {
                if (line.contains("\"metaData\"")
                        && ActionCodec.parse(line) instanceof Metadata m
                        && !TableSchemas.isMissing(m.schemaString())) {
                    return;
                }
            }
        }
        throw refuse(
                root,
                "none of its versions has a schema (every metaData has an empty schemaString), so no Delta"
                        + " reader can load it");
    }

    private static String missing(DeltaLogListing log, long latest) {
        for (long v = 0; v <= latest; v++) {
            if (!log.commits().containsKey(v)) {
                return "version " + v;
            }
        }
        return "none";
    }

    private static InvalidRequestException refuse(StorePath root, String reason) {
        return DeltaSqlErrors.invalid("cannot import the Delta table at " + root + ": " + reason);
    }
}
