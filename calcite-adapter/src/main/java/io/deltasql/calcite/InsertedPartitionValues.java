package io.deltasql.calcite;

import io.deltasql.core.DeltaSqlErrors;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partition values of one row inserted into {@code t$files}, gathered from its JSON columns
 * ({@code partition_values}, {@code partition_values_logical}: keyed by a partition column's
 * logical or physical name, case-insensitively) and its typed partition columns, which must all
 * agree. The result is keyed as the log keys them: by physical name on a column-mapped table.
 */
final class InsertedPartitionValues {
    private final String table;
    private final List<PartitionColumn> columns;
    private final String path;
    private final Map<String, String> values = new LinkedHashMap<>();
    /** Where each value came from (column and key), to name both sides of a disagreement. */
    private final Map<String, String> sources = new HashMap<>();

    private InsertedPartitionValues(String table, List<PartitionColumn> columns, String path) {
        this.table = table;
        this.columns = columns;
        this.path = path;
    }

    /**
     * @param json   {@code column name → JSON text} of the JSON columns given (null values left out)
     * @param typed  the typed partition columns' values, in the order of {@code columns} (null where not given)
     */
    static Map<String, String> of(
            String table, List<PartitionColumn> columns, String path, Map<String, String> json, Object[] typed) {
        InsertedPartitionValues v = new InsertedPartitionValues(table, columns, path);
        json.forEach(v::addJson);
        for (int i = 0; i < columns.size(); i++) {
            if (typed[i] != null) {
                PartitionColumn pc = columns.get(i);
                v.put(pc, pc.toDelta(typed[i]), "column " + pc.columnName());
            }
        }
        columns.forEach(pc -> v.values.putIfAbsent(pc.key(), null));
        return v.values;
    }

    private void addJson(String column, String text) {
        Map<String, String> given = Json.stringMap(table, column, text);
        for (Map.Entry<String, String> e : given.entrySet()) {
            PartitionColumn pc = columns.stream()
                    .filter(c -> c.deltaName().equalsIgnoreCase(e.getKey())
                            || c.key().equalsIgnoreCase(e.getKey()))
                    .findFirst()
                    .orElseThrow(
                            () -> DeltaSqlErrors.invalid("Delta table '" + table + "': column " + column + " names '"
                                    + e.getKey() + "', which is not a partition column (the table is partitioned by "
                                    + partitionNames()
                                    + "), in '" + Json.abbreviate(text) + "' for file '" + path + "'"));
            pc.check(table, e.getValue());
            put(pc, e.getValue(), column + " key '" + e.getKey() + "'");
        }
    }

    private void put(PartitionColumn pc, String value, String source) {
        if (values.containsKey(pc.key()) && !Objects.equals(values.get(pc.key()), value)) {
            throw DeltaSqlErrors.invalid(
                    "Delta table '" + table + "': partition column '" + pc.deltaName() + "' is given"
                            + " twice with different values, '" + values.get(pc.key()) + "' by " + sources.get(pc.key())
                            + " and '" + value
                            + "' by " + source + ", for file '" + path + "'");
        }
        values.put(pc.key(), value);
        sources.putIfAbsent(pc.key(), source);
    }

    /** The partition columns by logical name, and by physical name where those differ. */
    private String partitionNames() {
        List<String> logical = columns.stream().map(PartitionColumn::deltaName).toList();
        List<String> physical = columns.stream().map(PartitionColumn::key).toList();
        return logical + (physical.equals(logical) ? "" : ", physical names " + physical);
    }
}
