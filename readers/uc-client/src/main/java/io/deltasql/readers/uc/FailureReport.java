package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.exceptions.CommitStateUnknownException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A failure as the one JSON object the client prints, and its exit code: 2 when Kernel reports a
 * commit conflict or a failed commit (a {@code CommitFailedException}, Kernel's or delta-storage's,
 * anywhere in the cause chain, with its retryable and conflict flags), 1 for anything else.
 */
final class FailureReport {
    static final int COMMIT_FAILED = 2;
    static final int OTHER = 1;
    private static final String NO_WINNING_COMMITS = "No winning commits found.";

    private final ObjectNode json;
    private final int exitCode;

    private FailureReport(ObjectNode json, int exitCode) {
        this.json = json;
        this.exitCode = exitCode;
    }

    static FailureReport of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("error", String.valueOf(failure.getMessage()));
        Throwable root = chain.get(chain.size() - 1);
        if (root != failure) {
            json.put(
                    "cause",
                    root.getMessage() != null
                            ? root.getMessage()
                            : root.getClass().getName());
        }
        // Outermost first, each caused by the next.
        json.put("exception", chain.stream().map(t -> t.getClass().getName()).collect(Collectors.joining(" <- ")));
        int exitCode = OTHER;
        for (Throwable t : chain) {
            if (t instanceof io.delta.kernel.commit.CommitFailedException cfe) {
                json.put("retryable", cfe.isRetryable());
                json.put("conflict", cfe.isConflict());
                json.put("commitFailed", String.valueOf(cfe.getMessage()));
                exitCode = COMMIT_FAILED;
                break;
            }
            if (t instanceof io.delta.storage.commit.CommitFailedException cfe) {
                json.put("retryable", cfe.getRetryable());
                json.put("conflict", cfe.getConflict());
                json.put("commitFailed", String.valueOf(cfe.getMessage()));
                exitCode = COMMIT_FAILED;
                break;
            }
            if (t instanceof IllegalStateException && NO_WINNING_COMMITS.equals(t.getMessage())) {
                // Kernel resolves conflicts only after a retryable conflict (HTTP 409), by listing the
                // published _delta_log/<v>.json files after its read version; none there means the
                // winning commit is still unpublished, and Kernel gives up with this message.
                json.put("retryable", true);
                json.put("conflict", true);
                exitCode = COMMIT_FAILED;
            }
            if (t instanceof ConcurrentWriteException
                    || t instanceof MaxCommitRetryLimitReachedException
                    || t instanceof CommitStateUnknownException) {
                exitCode = COMMIT_FAILED;
            }
        }
        if (failure instanceof Arguments.UsageException) {
            json.put("usage", UcClientMain.USAGE);
        }
        return new FailureReport(json, exitCode);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    ObjectNode json() {
        return json;
    }

    int exitCode() {
        return exitCode;
    }
}
