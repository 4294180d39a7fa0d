package io.deltasql.bench;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Delta Kernel 4.3 (its default engine) reading the {@code _delta_log} that deltasql's mirror
 * wrote: the file-based reference. Each read is "cold" as Kernel always is: a new Table on a new
 * Engine, which replays the log from the latest checkpoint. The Engine's Hadoop file system is
 * the raw local one (no {@code .crc} checks), Kernel's fastest local setting; {@link #on} reads
 * through another engine (the object-store scenario's, on S3).
 */
public final class KernelSide {
    /** Post-commit hooks that failed after their commit landed (reported by the commit scenarios). */
    public static final AtomicLong HOOK_FAILURES = new AtomicLong();

    private final Configuration conf;
    private final Supplier<Engine> engines;

    public KernelSide(Configuration conf) {
        this.conf = conf;
        this.engines = () -> DefaultEngine.create(conf);
    }

    private KernelSide(Engine engine) {
        this.conf = null;
        this.engines = () -> engine;
    }

    /**
     * Kernel on one engine for every trial: an object store's engine keeps its HTTP connections, as
     * a long-running Kernel reader's does; each read is still a new Table that replays the log.
     */
    public static KernelSide on(Engine engine) {
        return new KernelSide(engine);
    }

    public static KernelSide local() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        // Delta's log store for local files (create + rename through FileSystem) rather than the HDFS one
        // (FileContext, which without Hadoop's native library forks readlink/chmod processes per rename).
        conf.set("io.delta.kernel.logStore.file.impl", "io.delta.storage.LocalLogStore");
        return new KernelSide(conf);
    }

    public Engine engine() {
        return engines.get();
    }

    /** Opens the table and reads version, schema and properties; returns the version. */
    public long metadata(Engine engine, String path) {
        Snapshot s = Table.forPath(engine, path).getLatestSnapshot(engine);
        StructType schema = s.getSchema();
        Map<String, String> properties = ((SnapshotImpl) s).getMetadata().getConfiguration();
        return s.getVersion() + (schema.length() + properties.size()) * 0L;
    }

    /** Opens the table and counts its scan files (active files). */
    public long countFiles(Engine engine, String path) throws Exception {
        return count(
                engine, Table.forPath(engine, path).getLatestSnapshot(engine).getScanBuilder());
    }

    /** Opens the table and counts the scan files of one partition ({@code part = value}). */
    public long countPartition(Engine engine, String path, String value) throws Exception {
        ScanBuilder b = Table.forPath(engine, path)
                .getLatestSnapshot(engine)
                .getScanBuilder()
                .withFilter(new Predicate("=", new Column(TableSpec.PARTITION_COLUMN), Literal.ofString(value)));
        return count(engine, b);
    }

    /** Opens the table at {@code version} and counts its files. */
    public long countFilesAt(Engine engine, String path, long version) throws Exception {
        return count(
                engine,
                Table.forPath(engine, path)
                        .getSnapshotAsOfVersion(engine, version)
                        .getScanBuilder());
    }

    private static long count(Engine engine, ScanBuilder builder) throws Exception {
        Scan scan = builder.build();
        long n = 0;
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        rows.next();
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Creates a table at {@code path} with the benchmark schema, partitioned by {@code part}. */
    public void createTable(Engine engine, Path path) throws Exception {
        createTable(engine, path.toAbsolutePath().toString());
    }

    /** As {@link #createTable(Engine, Path)} at a path or URI ({@code s3://…}). */
    public void createTable(Engine engine, String path) throws Exception {
        StructType schema = new StructType()
                .add("id", LongType.LONG)
                .add("value", StringType.STRING)
                .add(TableSpec.PARTITION_COLUMN, StringType.STRING);
        Table.forPath(engine, path)
                .createTransactionBuilder(engine, "deltasql-bench", Operation.CREATE_TABLE)
                .withSchema(engine, schema)
                .withPartitionColumns(engine, List.of(TableSpec.PARTITION_COLUMN))
                .build(engine)
                .commit(engine, CloseableIterable.emptyIterable());
    }

    /**
     * One blind append of one file, as a Kernel writer does it: load the latest snapshot, build the
     * add, commit to the {@code _delta_log}, then run the post-commit hooks (checksum file, and the
     * checkpoint every ten versions). Returns the version.
     */
    public long appendOne(Engine engine, Path path, String fileName, String partition) throws Exception {
        return appendOne(engine, path.toAbsolutePath().toString(), fileName, partition);
    }

    /** As {@link #appendOne(Engine, Path, String, String)} at a path or URI ({@code s3://…}). */
    public long appendOne(Engine engine, String path, String fileName, String partition) throws Exception {
        Table table = Table.forPath(engine, path);
        Transaction txn = table.createTransactionBuilder(engine, "deltasql-bench", Operation.WRITE)
                .build(engine);
        Row state = txn.getTransactionState(engine);
        DataWriteContext ctx = Transaction.getWriteContext(
                engine, state, Map.of(TableSpec.PARTITION_COLUMN, Literal.ofString(partition)));
        DataFileStatus file = new DataFileStatus(
                ctx.getTargetDirectory() + "/" + fileName, 4_096, System.currentTimeMillis(), Optional.empty());
        CloseableIterator<Row> actions = Transaction.generateAppendActions(
                engine, state, Utils.toCloseableIterator(List.of(file).iterator()), ctx);
        TransactionCommitResult r = txn.commit(engine, CloseableIterable.inMemoryIterable(actions));
        for (PostCommitHook hook : r.getPostCommitHooks()) {
            // All of them, as a Kernel writer does: the checkpoint every ten versions and the .crc
            // checksum, which spares the next transaction a log replay for protocol and metadata.
            // A hook that fails (concurrent writers race on the same .crc) does not undo the commit.
            try {
                hook.threadSafeInvoke(engine);
            } catch (IOException | RuntimeException e) {
                HOOK_FAILURES.incrementAndGet();
            }
        }
        return r.getVersion();
    }
}
