package io.deltasql.core.internal.mirror;

import io.delta.kernel.Table;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.checkpoints.CheckpointMetaData;
import io.delta.kernel.internal.checkpoints.Checkpointer;
import io.delta.kernel.internal.data.GenericRow;
import io.delta.kernel.internal.replay.CreateCheckpointIterator;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.nio.file.FileAlreadyExistsException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a table's checkpoint from Delta Kernel's checkpoint state (protocol, metaData, txns,
 * domains, active files and unexpired tombstones, reconciled by Kernel), then
 * {@code _last_checkpoint}. A table with the {@code v2Checkpoint} feature gets a UUID-named V2
 * checkpoint in JSON that starts with its {@code checkpointMetadata} (PROTOCOL.md, "V2 Spec"),
 * since a classic checkpoint in such a table must follow the V2 spec; any other table gets the
 * classic single-file Parquet checkpoint. Unlike {@code Table.checkpoint}, this writes checkpoints
 * for tables whose features Kernel cannot write data for (change data feed, constraints, generated
 * and identity columns, variant, type widening): a checkpoint is log state, not data. It never
 * deletes log files; retention is the catalog's decision.
 */
public final class KernelCheckpointer implements io.deltasql.core.mirror.Checkpointer {
    private static final StructType CHECKPOINT_METADATA = new StructType().add("version", LongType.LONG, false);
    private static final StructType CHECKPOINT_METADATA_ACTION =
            new StructType().add("checkpointMetadata", CHECKPOINT_METADATA);

    @Override
    public void checkpoint(Engine e, String tableDirectory, long version) throws Exception {
        SnapshotImpl snapshot = (SnapshotImpl) Table.forPath(e, tableDirectory).getSnapshotAsOfVersion(e, version);
        io.delta.kernel.internal.fs.Path logPath = snapshot.getLogPath();
        long adds;
        try (CreateCheckpointIterator state = snapshot.getCreateCheckpointIterator(e)) {
            if (usesV2Checkpoints(snapshot)) {
                String file = new io.delta.kernel.internal.fs.Path(
                                logPath, String.format("%020d.checkpoint.%s.json", version, UUID.randomUUID()))
                        .toString();
                CloseableIterator<Row> rows = Utils.singletonCloseableIterator(checkpointMetadata(version))
                        .combine(Utils.intoRows(state));
                e.getJsonHandler().writeJsonFileAtomically(file, rows, false);
            } else {
                String file = new io.delta.kernel.internal.fs.Path(
                                logPath, String.format("%020d.checkpoint.parquet", version))
                        .toString();
                try {
                    e.getParquetHandler().writeParquetFileAtomically(file, state);
                } catch (Exception failure) {
                    if (failure instanceof FileAlreadyExistsException
                            || failure.getCause() instanceof FileAlreadyExistsException) {
                        return; // another deltasql server (or an earlier attempt) wrote it
                    }
                    throw failure;
                }
            }
            adds = state.getNumberOfAddActions();
        }
        new Checkpointer(logPath).writeLastCheckpointFile(e, new CheckpointMetaData(version, adds, Optional.empty()));
    }

    private static boolean usesV2Checkpoints(SnapshotImpl snapshot) {
        var p = snapshot.getProtocol();
        return p.getMinWriterVersion() >= 7 && p.getWriterFeatures().contains("v2Checkpoint");
    }

    private static Row checkpointMetadata(long version) {
        return new GenericRow(
                CHECKPOINT_METADATA_ACTION, Map.of(0, new GenericRow(CHECKPOINT_METADATA, Map.of(0, version))));
    }
}
