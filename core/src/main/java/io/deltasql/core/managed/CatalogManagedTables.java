package io.deltasql.core.managed;

import io.deltasql.core.CommitConflictException;
import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.StagedCommit;
import io.deltasql.core.StagedCommitFile;
import io.deltasql.core.TableInfo;
import io.deltasql.core.UnpublishedVersion;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.internal.commit.CatalogManagedRules;
import io.deltasql.core.internal.mirror.LogFiles;
import io.deltasql.core.internal.mirror.MirrorWriter;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a managing catalog does for catalog-managed Delta tables (PROTOCOL.md, "Catalog-managed
 * tables"), on top of a {@link DeltaCatalog}, in the terms Delta's catalog clients use: finalise a
 * table a client created, ratify a client's staged commit, tell a client the versions it cannot
 * find in {@code _delta_log} yet, and note what a client published. Commit files are read and
 * written through the catalog's storage, wherever the table lives.
 */
public final class CatalogManagedTables {
    /** Where clients stage commits, inside {@code _delta_log}. */
    public static final String STAGED_DIRECTORY = CatalogManagedRules.STAGED_COMMITS_DIRECTORY;

    /** {@code <20-digit version>.<uuid>.json}, as Delta names staged commits. */
    private static final Pattern STAGED_NAME = Pattern.compile("(\\d{20})\\.([0-9a-fA-F-]{36})\\.json");

    private final DeltaCatalog catalog;
    private final Storage storage;
    private final LogFiles files;

    public CatalogManagedTables(DeltaCatalog catalog) {
        this.catalog = catalog;
        this.storage = Storage.of(catalog.config());
        this.files = LogFiles.on(storage);
    }

    /** The versions a client needs from the catalog, and the table's latest version. */
    public record Commits(List<StagedCommitFile> commits, long latestVersion) {}

    /** The catalog-managed table with this table id. */
    public Optional<TableInfo> table(String tableId) {
        return catalog.findTableById(tableId);
    }

    /** The id Delta's catalog clients know {@code table} by (a catalog-managed table's {@code io.unitycatalog.tableId}). */
    public static String tableId(TableInfo table) {
        return CatalogManagedRules.tableIdOf(table.tableUuid());
    }

    /** True when {@code uri} ({@code file:/a/b}, {@code /a/b/}, {@code s3://…}) names {@code table}'s location. */
    public static boolean isLocationOf(TableInfo table, String uri) {
        String given = uri.length() > 1 && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        try {
            return TableLocations.directory(table.name(), table.location())
                    .equals(TableLocations.directory(table.name(), given));
        } catch (RuntimeException notALocation) {
            return false;
        }
    }

    /**
     * Registers a table a client created by writing its version 0 to {@code location}: that version
     * must make a catalog-managed table whose table id is {@code tableId}. Registering the same
     * table again (a retried request) returns it; a different table under that name or id is refused.
     */
    public TableInfo registerCreated(String name, String location, String tableId) {
        Optional<TableInfo> existing = catalog.findTableById(tableId);
        if (existing.isPresent()) {
            TableInfo t = existing.get();
            if (t.name().equals(name) && sameLocation(t.location(), location)) {
                return t;
            }
            throw DeltaSqlErrors.duplicate("table id " + tableId + " is already the id of table '" + t.name() + "'");
        }
        StorePath log = TableLocations.logDirectory(name, location);
        List<String> lines = lines(read(TableLocations.commitFile(log, 0))
                .orElseThrow(() -> DeltaSqlErrors.invalid("Delta table '" + name + "': no version 0 at "
                        + TableLocations.commitFile(log, 0) + " (the client writes it before the table is created)")));
        Protocol protocol = null;
        Metadata metadata = null;
        for (String line : lines) {
            Action a = parse("Delta table '" + name + "', version 0", line);
            if (a instanceof Protocol p) {
                protocol = p;
            } else if (a instanceof Metadata m) {
                metadata = m;
            }
        }
        if (!CatalogManagedRules.isCatalogManaged(protocol) || metadata == null) {
            throw DeltaSqlErrors.invalid("Delta table '" + name + "': version 0 at " + location
                    + " does not make a catalog-managed table (its protocol lacks the catalogManaged feature)");
        }
        String id = metadata.configuration().get(CatalogManagedRules.TABLE_ID);
        if (id == null
                || !CatalogManagedRules.uuidOf("Delta table '" + name + "'", id)
                        .equals(CatalogManagedRules.uuidOf("Delta table '" + name + "'", tableId))) {
            throw DeltaSqlErrors.invalid("Delta table '" + name + "': version 0 at " + location + " has table id " + id
                    + " (" + CatalogManagedRules.TABLE_ID + "), not " + tableId);
        }
        return new DeltaLogImporter(catalog).importTable(location, name, ImportProgress.NONE);
    }

    /**
     * Ratifies the client's staged commit {@code fileName} (in {@code _delta_log/_staged_commits/})
     * as {@code version} of the table: its content is read from the store, not taken from the
     * client, so what the catalog stores is what readers of the staged file see.
     */
    public CommitResult commit(TableInfo table, long version, String fileName, long fileSize, long modificationTime) {
        var m = STAGED_NAME.matcher(fileName == null ? "" : fileName);
        if (!m.matches() || Long.parseLong(m.group(1)) != version) {
            throw DeltaSqlErrors.invalid("Delta table '" + table.name() + "': '" + fileName + "' is not the name of a"
                    + " staged commit of version " + version + " (" + String.format(Locale.ROOT, "%020d", version)
                    + ".<uuid>.json)");
        }
        StorePath file = stagedDirectory(table).resolve(fileName);
        byte[] content = read(file)
                .orElseThrow(() -> DeltaSqlErrors.invalid(
                        "Delta table '" + table.name() + "': the staged commit " + file + " does not exist"));
        try {
            return catalog.ratifyStagedCommit(
                    new StagedCommit(table.name(), version, fileName, fileSize, modificationTime, lines(content)));
        } catch (CommitConflictException e) {
            // The client resolves the conflict from the winners' <v>.json files: publish them first.
            publishRatified(catalog.table(table.name()));
            throw e;
        }
    }

    /**
     * Writes every ratified version not yet in {@code _delta_log} as {@code <v>.json}, in order,
     * with the lines the mirror writes (a file already there, the mirror's or a client's, stays);
     * the mirror, finding them, records them as written.
     */
    private void publishRatified(TableInfo table) {
        MirrorStatus status = catalog.mirrorStatus(table.name());
        StorePath log = TableLocations.logDirectory(table.name(), table.location());
        for (long v = status.mirroredVersion() + 1; v <= table.headVersion(); v++) {
            StorePath file = TableLocations.commitFile(log, v);
            try {
                if (!files.exists(file)) {
                    files.createExclusive(file, MirrorWriter.render(catalog.actionLines(table.name(), v)));
                    files.force(file);
                    files.forceDirectory(log);
                }
            } catch (FileAlreadyExistsException written) {
                // Published by the mirror or a client meanwhile.
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot publish version " + v + " of table '" + table.name() + "' to " + file + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * The versions from {@code startVersion} up to {@code endVersion} (or the latest) that are not
     * yet published in {@code _delta_log}, each with the staged file that holds it. A version
     * deltasql committed itself gets a staged file now, as a client would have written it.
     */
    public Commits commits(TableInfo table, long startVersion, Long endVersion) {
        MirrorStatus status = catalog.mirrorStatus(table.name());
        long latest = status.headVersion();
        long upTo = endVersion == null ? latest : Math.min(endVersion, latest);
        long after = Math.max(status.mirroredVersion(), startVersion - 1);
        List<StagedCommitFile> out = new ArrayList<>();
        for (UnpublishedVersion v : catalog.versionsAfter(table.name(), after, upTo)) {
            out.add(v.file() != null ? v.file() : stageOwnVersion(table, v));
        }
        return new Commits(out, latest);
    }

    /**
     * Notes that the client published the versions up to {@code version} to {@code _delta_log}:
     * once {@code <version>.json} is there (clients publish in order), they count as mirrored.
     */
    public void published(TableInfo table, long version) {
        MirrorStatus status = catalog.mirrorStatus(table.name());
        long upTo = Math.min(version, status.headVersion());
        if (upTo <= status.mirroredVersion()) {
            return;
        }
        StorePath log = TableLocations.logDirectory(table.name(), table.location());
        try {
            if (!files.exists(TableLocations.commitFile(log, upTo))) {
                return; // the client's word alone is not enough: the mirror writes the version itself
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + TableLocations.commitFile(log, upTo), e);
        }
        List<MirrorStatus.Mark> marks = new ArrayList<>();
        for (long v = status.mirroredVersion() + 1; v <= upTo; v++) {
            marks.add(new MirrorStatus.Mark(table.id(), table.name(), v));
        }
        catalog.markMirrored(marks);
    }

    private StagedCommitFile stageOwnVersion(TableInfo table, UnpublishedVersion v) {
        String name = String.format(Locale.ROOT, "%020d.%s.json", v.version(), UUID.randomUUID());
        StorePath file = stagedDirectory(table).resolve(name);
        byte[] content = MirrorWriter.render(catalog.actionLines(table.name(), v.version()));
        try {
            files.createExclusive(file, content);
            files.force(file);
            files.forceDirectory(file.parent());
            long modified = storage.store(file).getFileStatus(file.value()).getModificationTime();
            return catalog.recordStagedCommit(
                    table.name(), new StagedCommitFile(v.version(), name, content.length, modified, v.timestamp()));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("a staged commit file named " + file + " already exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot stage version " + v.version() + " of table '" + table.name() + "' at " + file + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private StorePath stagedDirectory(TableInfo table) {
        return TableLocations.logDirectory(table.name(), table.location()).resolve(STAGED_DIRECTORY);
    }

    private Optional<byte[]> read(StorePath file) {
        try {
            return files.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameLocation(String a, String b) {
        return TableLocations.directory("a", a).equals(TableLocations.directory("b", b));
    }

    private static Action parse(String where, String line) {
        try {
            return ActionCodec.parse(line);
        } catch (InvalidActionException e) {
            throw DeltaSqlErrors.invalid(where + ": " + e.getMessage(), e);
        }
    }

    private static List<String> lines(byte[] content) {
        return Arrays.stream(new String(content, StandardCharsets.UTF_8).split("\n"))
                .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .filter(l -> !l.isBlank())
                .toList();
    }
}
