package io.deltasql.core.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;

/**
 * The tests' reference reader: Delta Kernel reading a table directory's {@code _delta_log}, reduced
 * to what must match the catalog's snapshot. Written independently of the verify package.
 */
final class KernelOracle {
    private KernelOracle() {}

    record View(
            long version,
            int minReaderVersion,
            int minWriterVersion,
            Set<String> readerFeatures,
            Set<String> writerFeatures,
            String metadataId,
            JsonNode schema,
            List<String> partitionColumns,
            Map<String, String> configuration,
            Set<FileView> files) {}

    record FileView(String path, long size, Map<String, String> partitionValues) {}

    static Engine engine() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        return DefaultEngine.create(conf);
    }

    static View read(Engine engine, Path tableDir, long version) throws Exception {
        SnapshotImpl s =
                (SnapshotImpl) Table.forPath(engine, tableDir.toString()).getSnapshotAsOfVersion(engine, version);
        Set<FileView> files = new HashSet<>();
        try (CloseableIterator<FilteredColumnarBatch> batches =
                s.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
                        var schema = add.getSchema();
                        Map<String, String> pv = VectorUtils.toJavaMap(add.getMap(schema.indexOf("partitionValues")));
                        files.add(new FileView(
                                add.getString(schema.indexOf("path")), add.getLong(schema.indexOf("size")), pv));
                    }
                }
            }
        }
        var p = s.getProtocol();
        var m = s.getMetadata();
        return new View(
                s.getVersion(),
                p.getMinReaderVersion(),
                p.getMinWriterVersion(),
                new TreeSet<>(p.getReaderFeatures()),
                new TreeSet<>(p.getWriterFeatures()),
                m.getId(),
                ActionCodec.mapper().readTree(m.getSchemaString()),
                s.getPartitionColumnNames(),
                Map.copyOf(m.getConfiguration()),
                files);
    }

    static View of(Snapshot s) throws Exception {
        Set<FileView> files = new HashSet<>();
        for (AddFile a : s.files()) {
            files.add(new FileView(a.path(), a.size(), a.partitionValues()));
        }
        var p = s.protocol();
        var m = s.metadata();
        return new View(
                s.version(),
                p.minReaderVersion(),
                p.minWriterVersion(),
                p.readerFeatures() == null ? Set.of() : new TreeSet<>(p.readerFeatures()),
                p.writerFeatures() == null ? Set.of() : new TreeSet<>(p.writerFeatures()),
                m.id(),
                ActionCodec.mapper().readTree(m.schemaString()),
                m.partitionColumns(),
                Map.copyOf(m.configuration()),
                files);
    }
}
