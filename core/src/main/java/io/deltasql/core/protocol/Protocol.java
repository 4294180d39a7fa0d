package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The {@code protocol} action: reader and writer versions, and table features for reader 3 / writer 7. */
public record Protocol(
        int minReaderVersion,
        int minWriterVersion,
        List<String> readerFeatures,
        List<String> writerFeatures,
        Map<String, JsonNode> extra)
        implements Action {
    public Protocol {
        readerFeatures = JsonFields.copy(readerFeatures);
        writerFeatures = JsonFields.copy(writerFeatures);
        extra = JsonFields.copyExtra(extra);
    }

    public Protocol(int minReaderVersion, int minWriterVersion) {
        this(minReaderVersion, minWriterVersion, null, null, Map.of());
    }

    public boolean supportsReaderFeature(String feature) {
        return readerFeatures != null && readerFeatures.contains(feature);
    }

    public boolean supportsWriterFeature(String feature) {
        return writerFeatures != null && writerFeatures.contains(feature);
    }

    @Override
    public String kind() {
        return "protocol";
    }
}
