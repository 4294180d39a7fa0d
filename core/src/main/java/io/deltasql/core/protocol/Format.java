package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The data file format of a table ({@code metaData.format}). */
public record Format(String provider, Map<String, String> options, Map<String, JsonNode> extra) {
    public static final Format PARQUET = new Format("parquet", Map.of(), Map.of());

    public Format {
        if (provider == null) {
            throw new InvalidActionException("metaData.format has no provider");
        }
        options = JsonFields.copy(options);
        extra = JsonFields.copyExtra(extra);
    }
}
