package io.deltasql.core.internal.store;

import io.deltasql.core.DaemonThreads;
import io.deltasql.core.protocol.AddFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and deletes file-list checkpoints on one background thread, so a load never waits for
 * one: a load that had to replay many file rows hands its list here, and a partition-filtered
 * read that found no usable checkpoint has the whole list loaded here. At most one piece of work
 * per table is queued; a failure is logged and only means the next cold load is slower.
 */
final class FileCheckpointWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileCheckpointWriter.class);

    private final CatalogDatabase db;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.named("deltasql-file-checkpoint"));
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();

    FileCheckpointWriter(CatalogDatabase db) {
        this.db = db;
    }

    /** Queues storing {@code files} as the table's checkpoint at {@code version}, unless work for the table is queued. */
    void write(long tableId, long version, List<AddFile> files) {
        submit(tableId, c -> {
            if (FileCheckpoints.write(c, tableId, version, files)) {
                LOG.debug(
                        "stored a file-list checkpoint of table id {} at version {} ({} files)",
                        tableId,
                        version,
                        files.size());
            }
        });
    }

    /** Loads a file list on a catalog connection; null when the list cannot be trusted. */
    @FunctionalInterface
    interface ListLoader {
        List<AddFile> load(Connection c) throws SQLException;
    }

    /**
     * Queues loading the table's files at {@code version} with {@code loader} and storing them as
     * its checkpoint (for a read that did not load the whole list), unless work for the table is queued.
     */
    void loadAndWrite(long tableId, long version, ListLoader loader) {
        submit(tableId, c -> {
            List<AddFile> files = loader.load(c);
            if (files != null && FileCheckpoints.write(c, tableId, version, files)) {
                LOG.debug(
                        "stored a file-list checkpoint of table id {} at version {} ({} files)",
                        tableId,
                        version,
                        files.size());
            }
        });
    }

    /** Logs a checkpoint that could not be read back or does not match the file rows. */
    void reportDamaged(FileCheckpoints.Stored damaged) {
        LOG.warn(
                "file-list checkpoint of table id {} at version {} is damaged, incomplete or does not match the file rows;"
                        + " the files are read from their rows and the checkpoint is replaced or deleted",
                damaged.tableId(),
                damaged.version());
    }

    /** Queues deleting a checkpoint that could not be read back. */
    void discard(FileCheckpoints.Stored damaged) {
        submit(damaged.tableId(), c -> FileCheckpoints.delete(c, damaged));
    }

    private void submit(long tableId, Dialect.SqlWork work) {
        if (!queued.add(tableId)) {
            return;
        }
        try {
            executor.execute(() -> {
                try (Connection c = db.connection()) {
                    work.run(c);
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("file-list checkpoint work for table id {} failed: {}", tableId, e.toString());
                } finally {
                    queued.remove(tableId);
                }
            });
        } catch (RejectedExecutionException closed) {
            queued.remove(tableId);
        }
    }

    /**
     * Drops queued work and waits up to 10 s for a running write, without interrupting it (an
     * interrupted JDBC call may take its connection down); a write cut off by the pool closing
     * leaves no visible checkpoint.
     */
    @Override
    public void close() {
        executor.getQueue().clear();
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
