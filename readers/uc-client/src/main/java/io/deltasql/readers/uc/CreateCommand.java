package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.transaction.CreateTableTransactionBuilder;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code create}: Kernel's create-table transaction for a catalog-managed table, as the UC client
 * builds it (catalogManaged and vacuumProtocolCheck features, {@code io.unitycatalog.tableId}), committed
 * with no data. The committer writes {@code _delta_log/00000000000000000000.json} itself and then
 * finalises the table in the catalog (the UC createTable call).
 */
final class CreateCommand {
    private CreateCommand() {}

    static ObjectNode run(UcTable table, Arguments args) throws Exception {
        StructType schema = DataTypeJsonSerDe.deserializeStructType(args.required("schema"));
        CreateTableTransactionBuilder builder = table.client()
                .buildCreateTableTransaction(
                        table.tableId(), table.location(), schema, UcTable.ENGINE_INFO, table.name());
        List<Column> partitionColumns = args.optional("partition-columns")
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(c -> !c.isEmpty())
                        .map(Column::new)
                        .collect(Collectors.toList()))
                .orElse(List.of());
        if (!partitionColumns.isEmpty()) {
            builder = builder.withDataLayoutSpec(DataLayoutSpec.partitioned(partitionColumns));
        }
        // A failed finalisation is retryable to Kernel, which retries up to 200 times by default.
        Optional<String> maxRetries = args.optional("max-retries");
        if (maxRetries.isPresent()) {
            builder = builder.withMaxRetries(Integer.parseInt(maxRetries.get()));
        }
        TransactionCommitResult result =
                builder.build(table.engine()).commit(table.engine(), CloseableIterable.emptyIterable());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("version", result.getVersion());
        return out;
    }
}
