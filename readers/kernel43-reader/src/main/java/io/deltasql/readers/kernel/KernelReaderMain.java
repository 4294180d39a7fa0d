package io.deltasql.readers.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltasql.readers.ReaderArguments;
import io.deltasql.readers.ReaderReport;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Delta Kernel reads a table directory and prints, as one JSON document on stdout, every version it
 * can load (commit timestamp, protocol, active files) and its version for each timestamp asked.
 * Only the log is read, never a data file. The same class runs on Kernel 4.3 (this module's class
 * path) and on Kernel 4.0 (readers/kernel40-reader), so the tests compare the two versions through one code path.
 *
 * <p>Usage: {@code KernelReaderMain --table <path> [--timestamps <ms>,<ms>,…] …}. A table, version or
 * timestamp Kernel refuses is reported with its error; only a failure to write the report exits non-zero.
 */
public final class KernelReaderMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KernelReaderMain() {}

    public static void main(String[] args) throws Exception {
        ReaderArguments arguments = ReaderArguments.parse(args);
        Engine engine = engine();
        ObjectNode report = JSON.createObjectNode();
        report.put("reader", "delta-kernel " + kernelVersion());
        ArrayNode tables = report.putArray("tables");
        for (ReaderArguments.TableRequest request : arguments.tables()) {
            ObjectNode table = tables.addObject();
            table.put("path", request.path());
            readTable(engine, request, table);
        }
        System.out.println(JSON.writeValueAsString(report));
    }

    private static void readTable(Engine engine, ReaderArguments.TableRequest request, ObjectNode report)
            throws IOException {
        Table table = Table.forPath(engine, request.path());
        long latest;
        try {
            latest = table.getLatestSnapshot(engine).getVersion();
        } catch (RuntimeException e) {
            report.put("error", ReaderReport.describe(e));
            return;
        }
        ReaderReport.versions(
                report, latest, (v, state) -> describeSnapshot(engine, table.getSnapshotAsOfVersion(engine, v), state));
        ReaderReport.timeTravel(
                report,
                request.timestamps(),
                timestamp -> table.getSnapshotAsOfTimestamp(engine, timestamp).getVersion());
    }

    /** Hadoop's checksummed local file system would check stale {@code .crc} files beside rewritten logs. */
    private static Engine engine() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        return DefaultEngine.create(conf);
    }

    private static String kernelVersion() {
        String version = Table.class.getPackage().getImplementationVersion();
        return version == null ? "(unknown version)" : version;
    }

    private static void describeSnapshot(Engine engine, Snapshot snapshot, ObjectNode state) throws IOException {
        state.put("timestamp", snapshot.getTimestamp(engine));
        Protocol protocol = ((SnapshotImpl) snapshot).getProtocol();
        ObjectNode p = state.putObject("protocol");
        p.put("minReaderVersion", protocol.getMinReaderVersion());
        p.put("minWriterVersion", protocol.getMinWriterVersion());
        protocol.getReaderFeatures().stream().sorted().forEach(p.putArray("readerFeatures")::add);
        protocol.getWriterFeatures().stream().sorted().forEach(p.putArray("writerFeatures")::add);
        ArrayNode files = state.putArray("files");
        try (CloseableIterator<FilteredColumnarBatch> batches =
                snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        describeAdd(scanFile.getStruct(scanFile.getSchema().indexOf("add")), files.addObject());
                    }
                }
            }
        }
    }

    /** The add's fields by name: the scan file schema differs between Kernel versions. */
    private static void describeAdd(Row add, ObjectNode file) {
        StructType schema = add.getSchema();
        file.put("path", add.getString(schema.indexOf("path")));
        file.put("size", add.getLong(schema.indexOf("size")));
        ObjectNode partitionValues = file.putObject("partitionValues");
        MapValue pv = add.getMap(schema.indexOf("partitionValues"));
        for (int i = 0; i < pv.getSize(); i++) {
            String value = pv.getValues().isNullAt(i) ? null : pv.getValues().getString(i);
            partitionValues.put(pv.getKeys().getString(i), value);
        }
        int dv = schema.indexOf("deletionVector");
        if (dv >= 0 && !add.isNullAt(dv)) {
            file.put("deletionVectorId", deletionVectorId(add.getStruct(dv)));
        }
        putLongIfPresent(add, "baseRowId", file);
        putLongIfPresent(add, "defaultRowCommitVersion", file);
    }

    /** PROTOCOL.md's unique id of a deletion vector: storage type and path or inline data, then {@code @offset} if any. */
    private static String deletionVectorId(Row dv) {
        StructType schema = dv.getSchema();
        String id = dv.getString(schema.indexOf("storageType")) + dv.getString(schema.indexOf("pathOrInlineDv"));
        int offset = schema.indexOf("offset");
        return offset >= 0 && !dv.isNullAt(offset) ? id + "@" + dv.getInt(offset) : id;
    }

    private static void putLongIfPresent(Row row, String field, ObjectNode target) {
        int i = row.getSchema().indexOf(field);
        if (i >= 0 && !row.isNullAt(i)) {
            target.put(field, row.getLong(i));
        }
    }
}
