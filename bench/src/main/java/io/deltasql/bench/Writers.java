package io.deltasql.bench;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MultiTableTransaction;
import io.deltasql.core.protocol.AddFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write side of the commit scenarios: scratch tables made fresh each run, and one blind append
 * of one file as each system does it (read the latest version, commit, write the log).
 */
final class Writers {
    private static final AtomicLong FILE = new AtomicLong();

    private final BenchContext ctx;
    private final Path kernelDir;

    Writers(BenchContext ctx) throws Exception {
        this.ctx = ctx;
        this.kernelDir = ctx.target().tablesDir().resolveSibling("kernel-tables");
    }

    /** Fresh deltasql tables {@code prefix0…prefix(n-1)}. */
    List<String> deltasqlTables(String prefix, int n) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            ctx.generator().recreate(name, Map.of());
            names.add(name);
        }
        return names;
    }

    /** Fresh Kernel tables (created by Kernel) under the work directory. */
    List<Path> kernelTables(String prefix, int n) throws Exception {
        List<Path> paths = new ArrayList<>();
        Engine engine = ctx.kernel().engine();
        for (int i = 0; i < n; i++) {
            Path p = kernelDir.resolve(prefix + i).toAbsolutePath();
            CatalogTargets.deleteTree(p);
            Files.createDirectories(p);
            ctx.kernel().createTable(engine, p);
            paths.add(p);
        }
        return paths;
    }

    static AddFile newFile() {
        long n = FILE.incrementAndGet();
        String part = SyntheticFiles.partitionValue((int) (n % 50));
        return new AddFile(
                TableSpec.PARTITION_COLUMN + "=" + part + "/w-" + n + ".parquet",
                Map.of(TableSpec.PARTITION_COLUMN, part),
                4_096,
                System.currentTimeMillis(),
                true,
                null);
    }

    /** A blind append of one file to {@code table}: the latest version, then the commit. Returns the new version. */
    static long deltasqlAppend(DeltaCatalog catalog, String table) {
        long read = catalog.snapshot(table).version();
        return catalog.commit(CommitRequest.builder(table, read)
                        .operation("WRITE")
                        .operationParameter("mode", "Append")
                        .add(newFile())
                        .build())
                .version();
    }

    /** One atomic commit appending one file to each of {@code tables}. */
    static long deltasqlAppendAll(DeltaCatalog catalog, List<String> tables) {
        MultiTableTransaction txn = catalog.beginTransaction();
        for (String t : tables) {
            txn.stage(CommitRequest.builder(t, catalog.snapshot(t).version())
                    .operation("WRITE")
                    .operationParameter("mode", "Append")
                    .add(newFile())
                    .build());
        }
        return txn.commit().size();
    }

    static long kernelAppend(KernelSide kernel, Engine engine, Path table) throws Exception {
        return kernelAppend(kernel, engine, table.toAbsolutePath().toString());
    }

    /** One Kernel blind append of one file to the table at {@code table} (a path or URI). */
    static long kernelAppend(KernelSide kernel, Engine engine, String table) throws Exception {
        long n = FILE.incrementAndGet();
        return kernel.appendOne(engine, table, "k-" + n + ".parquet", SyntheticFiles.partitionValue((int) (n % 50)));
    }
}
