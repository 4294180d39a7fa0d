package io.deltasql.core.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.deltasql.core.protocol.ActionCodec;

/**
 * LIKE patterns that find one partition value in the {@code partition_values} column, which holds
 * the values as compact JSON ({@code {"region":"eu"}}). The match is coarse (a caller checks the
 * parsed values exactly) but lets the catalog skip the other partitions' rows.
 */
final class PartitionValuePatterns {
    private PartitionValuePatterns() {}

    /** A pattern (escape character {@code !}) for {@code "column":"value"} or {@code "column":null}. */
    static String like(String column, String value) {
        try {
            String pair = ActionCodec.mapper().writeValueAsString(column) + ":"
                    + ActionCodec.mapper().writeValueAsString(value);
            return "%" + escape(pair) + "%";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a partition value as JSON", e);
        }
    }

    private static String escape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
