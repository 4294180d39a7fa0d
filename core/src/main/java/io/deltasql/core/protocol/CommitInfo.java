package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The {@code commitInfo} action: free-form provenance of a commit; every field is optional. */
public record CommitInfo(
        Long timestamp,
        String operation,
        JsonNode operationParameters,
        String userId,
        String userName,
        String engineInfo,
        Long readVersion,
        String isolationLevel,
        Boolean isBlindAppend,
        JsonNode operationMetrics,
        String userMetadata,
        String txnId,
        Long inCommitTimestamp,
        Map<String, JsonNode> extra)
        implements Action {
    public CommitInfo {
        operationParameters = operationParameters == null ? null : operationParameters.deepCopy();
        operationMetrics = operationMetrics == null ? null : operationMetrics.deepCopy();
        extra = JsonFields.copyExtra(extra);
    }

    @Override
    public String kind() {
        return "commitInfo";
    }
}
