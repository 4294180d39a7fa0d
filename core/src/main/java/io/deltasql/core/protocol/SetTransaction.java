package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The {@code txn} action: the latest version an idempotent writer (application) committed. */
public record SetTransaction(String appId, long version, Long lastUpdated, Map<String, JsonNode> extra)
        implements Action {
    public SetTransaction {
        if (appId == null || appId.isEmpty()) {
            throw new InvalidActionException("txn action has no appId");
        }
        extra = JsonFields.copyExtra(extra);
    }

    public SetTransaction(String appId, long version, Long lastUpdated) {
        this(appId, version, lastUpdated, Map.of());
    }

    @Override
    public String kind() {
        return "txn";
    }
}
