package io.deltasql.core.internal.imports;

import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.json.JsonUtils;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.utils.CloseableIterator;
import io.deltasql.core.internal.mirror.KernelEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's whole state at a checkpoint version, read by Delta Kernel (which handles classic,
 * multi-part and v2 checkpoints with sidecars), as action lines: protocol, metaData, the active
 * domain metadata and one add per active file. (Kernel offers no listing of application
 * transactions, so {@code txn} versions recorded before the checkpoint are not carried over.)
 */
public final class CheckpointStates {
    private CheckpointStates() {}

    public static List<String> stateAt(Path tableRoot, long version) {
        Engine engine = KernelEngines.create();
        SnapshotImpl s = (SnapshotImpl)
                Table.forPath(engine, tableRoot.toUri().toString()).getSnapshotAsOfVersion(engine, version);
        List<String> lines = new ArrayList<>();
        lines.add("{\"protocol\":" + JsonUtils.rowToJson(s.getProtocol().toRow()) + "}");
        lines.add("{\"metaData\":" + JsonUtils.rowToJson(s.getMetadata().toRow()) + "}");
        s.getActiveDomainMetadataMap()
                .values()
                .forEach(d -> lines.add("{\"domainMetadata\":" + JsonUtils.rowToJson(d.toRow()) + "}"));
        try (CloseableIterator<FilteredColumnarBatch> batches =
                s.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row add = rows.next().getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
                        lines.add("{\"add\":" + JsonUtils.rowToJson(add) + "}");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint of " + tableRoot + " at version " + version, e);
        }
        return lines;
    }

    public static Optional<Long> timestamp(Path tableRoot, long version) {
        try {
            Engine engine = KernelEngines.create();
            return Optional.of(Table.forPath(engine, tableRoot.toUri().toString())
                    .getSnapshotAsOfVersion(engine, version)
                    .getTimestamp(engine));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
