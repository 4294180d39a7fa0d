package io.deltasql.bench;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableInfo;
import io.deltasql.core.mirror.Checkpointer;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes the synthetic tables through deltasql's core API, with the {@code _delta_log} mirror as
 * the product installs it (JSON commit per version, Kernel checkpoints), and reuses a table left
 * by an earlier run when its recorded shape, head and mirror state match.
 */
public final class TableGenerator implements AutoCloseable {
    private final DeltaCatalog catalog;
    private final SelectiveCheckpointer checkpointer;
    private final DeltaLogMirror mirror;
    private final Path tablesDir;
    private final Consumer<String> log;

    public TableGenerator(BenchCatalog target, Consumer<String> log) {
        this.catalog = DeltaCatalog.open(CatalogConfig.builder(target.jdbcUrl()).build());
        this.checkpointer = new SelectiveCheckpointer(Checkpointer.kernel());
        this.mirror = DeltaLogMirror.install(catalog, checkpointer);
        this.tablesDir = target.tablesDir();
        this.log = log;
    }

    public DeltaCatalog catalog() {
        return catalog;
    }

    /** Waits for the mirror's background work (commit files' records, Kernel checkpoints) queued so far. */
    public void awaitIdle() throws InterruptedException {
        mirror.awaitIdle();
    }

    public Path location(String name) {
        return tablesDir.resolve(name).toAbsolutePath();
    }

    /** The table of {@code spec}, generated unless a matching one is there; returns the seconds spent generating (0 if reused). */
    public double ensure(TableSpec spec) throws Exception {
        if (matches(spec)) {
            log.accept("reusing " + spec);
            return 0;
        }
        long start = System.nanoTime();
        generate(spec);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format("generated %s in %.1f s", spec, seconds));
        return seconds;
    }

    boolean matches(TableSpec spec) {
        Optional<TableInfo> t = catalog.findTable(spec.name());
        // A PostgreSQL catalog is shared by every work directory: a table another run made elsewhere is not this one.
        if (t.isEmpty()
                || t.get().headVersion() != spec.headVersion()
                || !Path.of(t.get().location()).equals(location(spec.name()))) {
            return false;
        }
        Snapshot s = catalog.snapshot(spec.name());
        if (!s.metadata()
                        .configuration()
                        .entrySet()
                        .containsAll(spec.properties().entrySet())
                || s.numFiles() != spec.files()) {
            return false;
        }
        MirrorStatus m = catalog.mirrorStatus(spec.name());
        Path log = Path.of(t.get().location()).resolve("_delta_log");
        return m.mirroredVersion() == spec.headVersion()
                && m.pending().isEmpty()
                && !m.blocked()
                && Files.exists(log.resolve(String.format("%020d.json", spec.headVersion())))
                && Files.exists(log.resolve("_last_checkpoint"));
    }

    private void generate(TableSpec spec) throws Exception {
        String name = spec.name();
        if (catalog.findTable(name).isPresent()) {
            catalog.dropTable(name);
        }
        Path location = location(name);
        CatalogTargets.deleteTree(location);
        Files.createDirectories(location);
        checkpointer.plan(location, SelectiveCheckpointer.needed(spec, DeltaLogMirror.DEFAULT_CHECKPOINT_INTERVAL));
        catalog.createTable(new CreateTableRequest(
                name,
                location.toString(),
                TableSpec.SCHEMA,
                List.of(TableSpec.PARTITION_COLUMN),
                spec.properties(),
                "deltasql benchmark table"));
        long version = 0;
        long slot = 0;
        while (slot < spec.files()) {
            long end = Math.min(spec.files(), slot + spec.batch());
            CommitRequest.Builder b =
                    CommitRequest.builder(name, version).operation("WRITE").operationParameter("mode", "Append");
            for (long i = slot; i < end; i++) {
                b.add(SyntheticFiles.file(spec, i, 0));
            }
            version = catalog.commit(b.build()).version();
            log.accept(String.format("  %s: version %d, %d of %d files", name, version, end, spec.files()));
            slot = end;
        }
        long progressEvery = Math.max(1, spec.commits() / 10);
        for (int j = 0; j < spec.commits(); j++) {
            long s = j % spec.files();
            long generation = j / spec.files();
            AddFile old = SyntheticFiles.file(spec, s, generation);
            AddFile replacement = SyntheticFiles.file(spec, s, generation + 1);
            version = catalog.commit(CommitRequest.builder(name, version)
                            .operation("OPTIMIZE")
                            .add(old.toRemove(System.currentTimeMillis(), false))
                            .add(new AddFile(
                                    replacement.path(),
                                    replacement.partitionValues(),
                                    replacement.size(),
                                    replacement.modificationTime(),
                                    false,
                                    replacement.stats()))
                            .build())
                    .version();
            if ((j + 1) % progressEvery == 0) {
                log.accept(String.format(
                        "  %s: version %d, %d of %d small commits", name, version, j + 1, spec.commits()));
            }
        }
        if (version != spec.headVersion()) {
            throw new IllegalStateException(name + " ended at version " + version + ", expected " + spec.headVersion());
        }
        mirror.awaitIdle(); // the checkpoints Kernel's reads use are written in the background
        MirrorStatus m = catalog.mirrorStatus(name);
        if (m.mirroredVersion() != version || !m.pending().isEmpty()) {
            throw new IllegalStateException(name + ": the mirror did not write every version: " + m);
        }
    }

    /** Drops and removes a scratch table (commit scenarios make theirs fresh each run). */
    public void recreate(String name, Map<String, String> properties) throws Exception {
        if (catalog.findTable(name).isPresent()) {
            catalog.dropTable(name);
        }
        Path location = location(name);
        CatalogTargets.deleteTree(location);
        catalog.createTable(new CreateTableRequest(
                name,
                location.toString(),
                TableSpec.SCHEMA,
                List.of(TableSpec.PARTITION_COLUMN),
                properties,
                "deltasql benchmark scratch table"));
    }

    @Override
    public void close() {
        catalog.close();
    }
}
