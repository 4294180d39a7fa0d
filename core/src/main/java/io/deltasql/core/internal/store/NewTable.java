package io.deltasql.core.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.List;

/**
 * A table to create inside a commit: its definition, the protocol and metaData of its version 0
 * and any further actions (files) that version 0 carries.
 */
public record NewTable(CreateTableRequest request, Protocol protocol, Metadata metadata, List<Action> initialActions) {

    /** Version 0 as a commit request: protocol, metaData, the initial actions and the operation that made them. */
    CommitRequest versionZero() {
        return CommitRequest.builder(request.name(), 0)
                .add(protocol)
                .add(metadata)
                .addAll(initialActions)
                .operation(initialActions.isEmpty() ? "CREATE TABLE" : "CREATE TABLE AS SELECT")
                .operationParameter("partitionBy", toJson(request.partitionColumns()))
                .operationParameter("description", request.description() == null ? "" : request.description())
                .operationParameter("properties", toJson(request.properties()))
                .build();
    }

    private static String toJson(Object value) {
        try {
            return ActionCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
