package io.deltasql.core.internal.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Liquid clustering's writer rules (PROTOCOL.md, "Clustered Table"): a clustered table has the
 * {@code clustering} feature and a {@code delta.clustering} domain naming its clustering columns by
 * their physical paths. The columns are given as the property {@value #PROPERTY} — the name Spark
 * gives clustering columns in its catalog — as a JSON array of column names or of name paths
 * (nested fields), e.g. {@code ["region","ts"]} or {@code [["point","x"]]}. Like Delta, deltasql
 * keeps them in the domain only, never in the table's configuration.
 */
final class Clustering {
    static final String PROPERTY = "clusteringColumns";
    static final String DOMAIN = "delta.clustering";

    private Clustering() {}

    /** The clustering columns {@code value} names, each as a path of field names; 22023 when it is not such a list. */
    static List<List<String>> columns(String table, String value) {
        List<List<String>> columns = new ArrayList<>();
        try {
            JsonNode list = ActionCodec.mapper().readTree(value);
            if (list != null && list.isArray()) {
                for (JsonNode c : list) {
                    List<String> path = new ArrayList<>();
                    for (JsonNode part : c.isArray() ? c : List.of(c)) {
                        if (!part.isTextual() || part.asText().isEmpty()) {
                            throw new IllegalArgumentException();
                        }
                        path.add(part.asText());
                    }
                    if (path.isEmpty()) {
                        throw new IllegalArgumentException();
                    }
                    columns.add(path);
                }
                return columns;
            }
        } catch (Exception e) {
            // refused below
        }
        throw DeltaSqlErrors.invalid("Delta table '" + table + "': property " + PROPERTY
                + " must be a JSON array of column names (or of name paths for nested fields), e.g. [\"region\"], was '"
                + value + "'");
    }

    /**
     * The {@code delta.clustering} domain for {@code columns} of the table whose metaData is
     * {@code m}: each must be a field of its schema (nested fields through structs) and not a
     * partition column, as Delta requires; named by physical names under column mapping.
     */
    static DomainMetadata domain(String where, Metadata m, List<List<String>> columns) {
        JsonNode schema;
        try {
            schema = ActionCodec.mapper().readTree(m.schemaString());
        } catch (Exception e) {
            throw DeltaSqlErrors.invalid(where + ": clustering columns need the table's schema");
        }
        boolean mapped = ColumnMappingSchemas.maps(m.configuration().get(FeatureProperties.COLUMN_MAPPING_MODE));
        ObjectNode config = ActionCodec.mapper().createObjectNode();
        ArrayNode list = config.putArray("clusteringColumns");
        for (List<String> path : columns) {
            if (path.size() == 1 && m.partitionColumns().stream().anyMatch(p -> p.equalsIgnoreCase(path.get(0)))) {
                throw DeltaSqlErrors.invalid(
                        where + ": '" + path.get(0) + "' is a partition column; a Delta table is either"
                                + " partitioned or clustered by a column, not both");
            }
            ArrayNode physical = list.addArray();
            JsonNode type = schema;
            for (String name : path) {
                JsonNode field = field(type, name);
                if (field == null) {
                    throw DeltaSqlErrors.invalid(
                            where + ": clustering column " + String.join(".", path) + " is not a column of the table");
                }
                JsonNode physicalName = field.path("metadata").get(ColumnMappingSchemas.PHYSICAL_NAME);
                physical.add(
                        mapped && physicalName != null
                                ? physicalName.asText()
                                : field.path("name").asText());
                type = field.path("type");
            }
        }
        return new DomainMetadata(DOMAIN, config.toString(), false, Map.of());
    }

    private static JsonNode field(JsonNode struct, String name) {
        for (JsonNode f : struct.path("fields")) {
            if (f.path("name").asText().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }
}
