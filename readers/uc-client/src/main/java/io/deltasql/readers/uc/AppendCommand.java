package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.transaction.UpdateTableTransactionBuilder;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code append}: the standard Kernel write path on the snapshot the UC client loads. Rows become
 * Parquet files through the default engine's Parquet handler, one group per partition, and the
 * commit goes through the snapshot's committer: a staged commit file, then the catalog's commit call.
 */
final class AppendCommand {
    private AppendCommand() {}

    static ObjectNode run(UcTable table, Arguments args) throws Exception {
        Engine engine = table.engine();
        Snapshot snapshot = table.loadSnapshot(Optional.empty());
        UpdateTableTransactionBuilder builder =
                snapshot.buildUpdateTableTransaction(UcTable.ENGINE_INFO, Operation.WRITE);
        // Kernel retries a retryable commit failure up to 200 times by default; tests may want fewer.
        Optional<String> maxRetries = args.optional("max-retries");
        if (maxRetries.isPresent()) {
            builder = builder.withMaxRetries(Integer.parseInt(maxRetries.get()));
        }
        Transaction txn = builder.build(engine);
        Row txnState = txn.getTransactionState(engine);

        List<Row> actions = new ArrayList<>();
        for (JsonRows.PartitionGroup group : JsonRows.parse(engine, snapshot, args.required("rows"))) {
            CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(
                    engine, txnState, Utils.singletonCloseableIterator(group.data()), group.partitionValues());
            DataWriteContext context = Transaction.getWriteContext(engine, txnState, group.partitionValues());
            CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                    .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
            try (CloseableIterator<Row> appends = Transaction.generateAppendActions(engine, txnState, files, context)) {
                appends.forEachRemaining(actions::add);
            }
        }
        TransactionCommitResult result =
                txn.commit(engine, CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("version", result.getVersion());
        return out;
    }
}
