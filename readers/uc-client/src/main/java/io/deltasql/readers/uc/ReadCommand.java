package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code read}: the snapshot the UC client loads (latest, or {@code --version N}), and every row of it
 * read with Kernel's scan (the Kernel examples' read loop), sorted by their JSON text so the output
 * does not depend on file order.
 */
final class ReadCommand {
    private ReadCommand() {}

    static ObjectNode run(UcTable table, Arguments args) throws Exception {
        Engine engine = table.engine();
        Optional<Long> version = args.optional("version").map(Long::parseLong);
        Snapshot snapshot = table.loadSnapshot(version);
        List<ObjectNode> rows = readAll(engine, snapshot);
        rows.sort(Comparator.comparing(ObjectNode::toString));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("version", snapshot.getVersion());
        ArrayNode array = out.putArray("rows");
        rows.forEach(array::add);
        return out;
    }

    private static List<ObjectNode> readAll(Engine engine, Snapshot snapshot) throws Exception {
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<ObjectNode> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> scanFileRows = scanFiles.next().getRows()) {
                    while (scanFileRows.hasNext()) {
                        Row scanFile = scanFileRows.next();
                        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                                .readParquetFiles(
                                        Utils.singletonCloseableIterator(file), physicalSchema, Optional.empty())
                                .map(result -> result.getData());
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                        Scan.transformPhysicalData(engine, scanState, scanFile, physical);
                                CloseableIterator<Row> data = Utils.intoRows(logical)) {
                            data.forEachRemaining(row -> rows.add(RowJson.toJson(row)));
                        }
                    }
                }
            }
        }
        return rows;
    }
}
