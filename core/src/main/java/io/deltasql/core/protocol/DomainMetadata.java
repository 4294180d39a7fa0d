package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The {@code domainMetadata} action: configuration of a named metadata domain, or its removal. */
public record DomainMetadata(String domain, String configuration, boolean removed, Map<String, JsonNode> extra)
        implements Action {
    public DomainMetadata {
        if (domain == null || domain.isEmpty()) {
            throw new InvalidActionException("domainMetadata action has no domain");
        }
        extra = JsonFields.copyExtra(extra);
    }

    @Override
    public String kind() {
        return "domainMetadata";
    }
}
