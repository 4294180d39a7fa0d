package io.deltasql.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code t$schema}: the table's top-level columns with their Delta types, as the session sees the table. */
final class SchemaTable extends VirtualTable<SchemaTable.Field> {
    /** One column of the Delta schema. */
    record Field(int position, String name, String type, boolean nullable, Integer partitionIndex, String metadata) {}

    private final DeltaSession session;
    private final String table;

    SchemaTable(DeltaSession session, String table) {
        super(new Columns<Field>()
                .notNull("ordinal_position", SqlTypeName.INTEGER, Field::position)
                .notNull("column_name", SqlTypeName.VARCHAR, Field::name)
                .notNull("data_type", SqlTypeName.VARCHAR, Field::type)
                .notNull("nullable", SqlTypeName.BOOLEAN, Field::nullable)
                .add("partition_index", SqlTypeName.INTEGER, Field::partitionIndex)
                .add("metadata", SqlTypeName.VARCHAR, Field::metadata));
        this.session = session;
        this.table = table;
    }

    @Override
    CloseableIterator<Field> read(List<RexNode> filters) {
        Metadata metadata = session.view(table).metadata();
        List<Field> fields = new ArrayList<>();
        if (TableSchemas.isMissing(metadata.schemaString())) {
            return CloseableIterator.of(fields.iterator()); // an imported version whose schema comes later: no columns
        }
        JsonNode schema = Json.parse(table, "schema_string", metadata.schemaString());
        int position = 1;
        for (JsonNode f : schema.path("fields")) {
            String name = f.path("name").asText();
            JsonNode type = f.path("type");
            int p = indexOfIgnoreCase(metadata.partitionColumns(), name);
            JsonNode meta = f.get("metadata");
            fields.add(new Field(
                    position++,
                    name,
                    type.isTextual() ? type.asText() : type.toString(),
                    f.path("nullable").asBoolean(true),
                    p < 0 ? null : p + 1,
                    meta == null || meta.isEmpty() ? null : meta.toString()));
        }
        return CloseableIterator.of(fields.iterator());
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
