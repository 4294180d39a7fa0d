package io.deltasql.core.internal.verify;

import io.delta.kernel.Scan;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code _delta_log}'s side: Delta Kernel's snapshot of the table directory at a version, as a {@link TableState}. */
public final class KernelStates {
    private KernelStates() {}

    public static TableState read(Engine engine, String tableDirectory, long version) {
        Table table = Table.forPath(engine, tableDirectory);
        SnapshotImpl snapshot = (SnapshotImpl) table.getSnapshotAsOfVersion(engine, version);
        Protocol p = snapshot.getProtocol();
        Metadata m = snapshot.getMetadata();
        Map<String, TableState.FileState> files = new LinkedHashMap<>();
        Scan scan = snapshot.getScanBuilder().build();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        TableState.put(files, file(rows.next()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TableState(
                snapshot.getVersion(),
                p.getMinReaderVersion(),
                p.getMinWriterVersion(),
                CatalogStates.features(p.getReaderFeatures()),
                CatalogStates.features(p.getWriterFeatures()),
                m.getId(),
                CatalogStates.parseSchema(m.getSchemaString()),
                List.copyOf(snapshot.getPartitionColumnNames()),
                new HashMap<>(m.getConfiguration()),
                files);
    }

    /** One scan-file row: its {@code add} struct as Kernel replayed it (the path as the log wrote it). */
    private static TableState.FileState file(Row scanFile) {
        Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
        StructType s = add.getSchema();
        String path = add.getString(s.indexOf("path"));
        long size = add.getLong(s.indexOf("size"));
        int pv = s.indexOf("partitionValues");
        Map<String, String> partitionValues =
                add.isNullAt(pv) ? Map.of() : new HashMap<>(VectorUtils.<String, String>toJavaMap(add.getMap(pv)));
        int dv = s.indexOf("deletionVector");
        String deletionVector =
                dv < 0 || add.isNullAt(dv) ? null : uniqueId(DeletionVectorDescriptor.fromRow(add.getStruct(dv)));
        return new TableState.FileState(path, size, partitionValues, deletionVector);
    }

    /**
     * Delta's unique id of a deletion vector (storage type, path or inline data, {@code @offset}
     * where there is one). Kernel 4.0's own {@code getUniqueId} writes the offset as
     * {@code @Optional[1]}, which no log or catalog ever says.
     */
    private static String uniqueId(DeletionVectorDescriptor d) {
        return d.getStorageType()
                + d.getPathOrInlineDv()
                + d.getOffset().map(o -> "@" + o).orElse("");
    }
}
