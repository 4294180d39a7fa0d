package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.TableRules;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code t$properties}: the table properties ({@code metaData.configuration}), as
 * {@code property_key, property_value} ({@code value} is a reserved word in SQL). INSERT sets new
 * keys, UPDATE changes values, DELETE unsets keys; each statement is one metaData commit under
 * autocommit. Properties that need a newer protocol than the table has are refused.
 */
final class PropertiesTable extends WritableTable<Map.Entry<String, String>> {
    private final DeltaSession session;
    private final String table;

    PropertiesTable(DeltaSession session, String table) {
        super(new Columns<Map.Entry<String, String>>()
                .notNull("property_key", SqlTypeName.VARCHAR, Map.Entry::getKey)
                .add("property_value", SqlTypeName.VARCHAR, Map.Entry::getValue));
        this.session = session;
        this.table = table;
    }

    @Override
    CloseableIterator<Map.Entry<String, String>> read(List<RexNode> filters) {
        return CloseableIterator.of(
                new ArrayList<>(session.view(table).metadata().configuration().entrySet()).iterator());
    }

    @Override
    public long apply(String operation, Enumerable<Object[]> rows, List<String> updateColumns) {
        return session.runStatement(txn -> change(txn, operation, rows, updateColumns));
    }

    private long change(SqlTransaction txn, String operation, Enumerable<Object[]> rows, List<String> updateColumns) {
        PendingTable pending = txn.pending(table);
        if (pending.isCreated()) {
            throw DeltaSqlErrors.unsupported("Delta table '" + table + "' is created by this transaction: give its"
                    + " properties when inserting it into delta.tables, or change them after the commit");
        }
        Metadata metadata = pending.metadata();
        Map<String, String> config = new LinkedHashMap<>(metadata.configuration());
        List<Object[]> matched = new ArrayList<>();
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                matched.add(e.current());
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Object[] row : matched) {
            String key = (String) row[0];
            switch (operation) {
                case "INSERT" -> {
                    requireKey(key);
                    if (config.containsKey(key)) {
                        throw DeltaSqlErrors.duplicate("Delta table '" + table + "': column property_key: property '"
                                + key + "' is already set (to '" + config.get(key) + "'); UPDATE it instead");
                    }
                    config.put(key, requireValue(key, row[1]));
                }
                case "UPDATE" -> {
                    if (updateColumns.contains("property_key")) {
                        throw DeltaSqlErrors.unsupported("Delta table '" + table
                                + "': a property's key cannot be updated;" + " DELETE it and INSERT the new key");
                    }
                    config.put(key, requireValue(key, row[2]));
                }
                case "DELETE" -> config.remove(key);
                default ->
                    throw DeltaSqlErrors.unsupported(
                            "unsupported operation " + operation + " on " + table + "$properties");
            }
            params.put(key, String.valueOf(config.get(key)));
        }
        if (config.equals(metadata.configuration())) {
            return matched.size();
        }
        checkProtocol(pending.view().protocol(), metadata.configuration(), config);
        // Only the properties are new: the schema is the table's own (an imported one may hold types deltasql would not
        // create).
        TableRules.checkProperties(table, config);
        pending.stageMetadata(metadata.withConfiguration(config), null);
        pending.operation(
                operation.equals("DELETE") ? "UNSET TBLPROPERTIES" : "SET TBLPROPERTIES",
                Map.of("properties", Json.write(params)));
        return matched.size();
    }

    private void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table
                    + "': column property_key must name the property, and it is " + (key == null ? "NULL" : "blank"));
        }
    }

    private String requireValue(String key, Object value) {
        if (value == null) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': column property_value of property '" + key
                    + "' must not be NULL; DELETE the property to unset it");
        }
        return value.toString();
    }

    /**
     * Refuses at once what the commit would refuse: a property deltasql cannot honour, or a change
     * of column mapping mode. Features the new properties turn on are added to the table's protocol
     * by the commit itself (core's FeatureRules), as Delta's writers do.
     */
    private void checkProtocol(Protocol current, Map<String, String> before, Map<String, String> after) {
        String mode = TableRules.COLUMN_MAPPING_MODE;
        if (!Objects.equals(before.getOrDefault(mode, "none"), after.getOrDefault(mode, "none"))) {
            throw DeltaSqlErrors.unsupported("Delta table '" + table + "': changing " + mode
                    + " needs a column-mapping rewrite of the schema, which deltasql does not do");
        }
        TableRules.checkEnableable(table, after, current);
    }
}
