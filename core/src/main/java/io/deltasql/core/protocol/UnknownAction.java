package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** An action kind this version does not know, kept verbatim so it survives a round trip. */
public record UnknownAction(String kind, JsonNode body) implements Action {
    public UnknownAction {
        if (kind == null || kind.isEmpty()) {
            throw new InvalidActionException("an action needs a kind");
        }
        body = body == null ? null : body.deepCopy();
    }
}
