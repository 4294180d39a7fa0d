package io.deltasql.core.internal.imports;

import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.json.JsonUtils;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.utils.CloseableIterator;
import io.deltasql.core.internal.storage.Storage;
import io.deltasql.core.internal.storage.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    public static List<String> stateAt(Storage storage, StorePath tableRoot, long version) {
        Engine engine = storage.engine();
        SnapshotImpl s =
                (SnapshotImpl) Table.forPath(engine, kernelPath(tableRoot)).getSnapshotAsOfVersion(engine, version);
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

    /** A local root as a {@code file:} URI (escaped, as Kernel reads it), an object store's as it is. */
    private static String kernelPath(StorePath tableRoot) {
        return tableRoot.isLocal() ? tableRoot.toLocal().toUri().toString() : tableRoot.value();
    }

    public static Optional<Long> timestamp(Storage storage, StorePath tableRoot, long version) {
        try {
            Engine engine = storage.engine();
            return Optional.of(Table.forPath(engine, kernelPath(tableRoot))
                    .getSnapshotAsOfVersion(engine, version)
                    .getTimestamp(engine));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
