package io.deltasql.tests.readers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A table the reader conformance test writes through SQL: its name, partition column (or none),
 * table properties at create, and its commits after version 0. Each commit is one or more SQL
 * statements run as one transaction; {@code {t}} stands for the table's name.
 */
record TableDefinition(String name, String partitionColumn, Map<String, String> properties, List<Commit> commits) {

    /** The schema of every conformance table: a long and a string (the partition column when partitioned). */
    static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";

    /** A deletion vector descriptor as PROTOCOL.md shows one (the readers only report it; they read no data). */
    static final String DELETION_VECTOR = "{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\","
            + "\"offset\":4,\"sizeInBytes\":40,\"cardinality\":2}";

    record Commit(String description, List<String> statements) {
        List<String> statementsFor(String table) {
            return statements.stream().map(s -> s.replace("{t}", table)).toList();
        }
    }

    static TableDefinition table(String name, Map<String, String> properties, Commit... commits) {
        return new TableDefinition(name, null, properties, List.of(commits));
    }

    static TableDefinition partitioned(String name, Map<String, String> properties, Commit... commits) {
        return new TableDefinition(name, "region", properties, List.of(commits));
    }

    /** Files {@code <name>.parquet} (or {@code region=<r>/<name>.parquet} when given as {@code r/name}), with a record count. */
    static Commit insert(String... files) {
        List<String> rows = new ArrayList<>();
        for (String f : files) {
            int slash = f.indexOf('/');
            String partitionValues = slash < 0 ? "{}" : "{\"region\":\"" + f.substring(0, slash) + "\"}";
            rows.add("('" + path(f) + "', " + (1000 + f.length()) + ", '" + partitionValues
                    + "', '{\"numRecords\":10}')");
        }
        return new Commit(
                "insert " + Arrays.toString(files),
                List.of("INSERT INTO \"{t}$files\" (path, size, partition_values, stats) VALUES "
                        + String.join(", ", rows)));
    }

    static Commit delete(String file) {
        return new Commit("delete " + file, List.of("DELETE FROM \"{t}$files\" WHERE path = '" + path(file) + "'"));
    }

    /** Replaces a file by itself with a deletion vector, as a DELETE of some of its rows does. */
    static Commit deleteRowsOf(String file) {
        return new Commit(
                "deletion vector on " + file,
                List.of(
                        "DELETE FROM \"{t}$files\" WHERE path = '" + path(file) + "'",
                        "INSERT INTO \"{t}$files\" (path, size, stats, deletion_vector) VALUES ('" + path(file) + "', "
                                + (1000 + file.length()) + ", '{\"numRecords\":10}', '" + DELETION_VECTOR + "')"));
    }

    static Commit setProperty(String key, String value) {
        return new Commit(
                "set " + key + "=" + value,
                List.of("INSERT INTO \"{t}$properties\" (property_key, property_value) VALUES ('" + key + "', '" + value
                        + "')"));
    }

    String createStatement(String location) {
        String partitionColumns = partitionColumn == null ? "[]" : "[\"" + partitionColumn + "\"]";
        StringBuilder props = new StringBuilder("{");
        properties.forEach((k, v) -> props.append(props.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v.replace("\"", "\\\""))
                .append('"'));
        return "INSERT INTO delta.tables (name, location, schema_string, partition_columns, properties) VALUES ('"
                + name + "', '" + location + "', '" + SCHEMA + "', '" + partitionColumns + "', '" + props.append('}')
                + "')";
    }

    private static String path(String file) {
        int slash = file.indexOf('/');
        return slash < 0
                ? file + ".parquet"
                : "region=" + file.substring(0, slash) + "/" + file.substring(slash + 1) + ".parquet";
    }
}
