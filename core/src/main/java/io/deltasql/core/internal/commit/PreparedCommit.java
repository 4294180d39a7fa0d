package io.deltasql.core.internal.commit;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.FileKey;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.protocol.SetTransaction;
import java.util.List;
import java.util.Map;

/**
 * A commit request whose actions passed the checks that need no database, sorted by kind for the
 * writer and the conflict checker. {@code actions} keeps the caller's order (without commitInfo).
 */
public record PreparedCommit(
        CommitRequest request,
        CommitInfo commitInfo,
        Protocol protocol,
        Metadata metadata,
        List<AddFile> adds,
        List<RemoveFile> removes,
        Map<String, SetTransaction> txns,
        Map<String, DomainMetadata> domains,
        List<Action> actions,
        boolean blindAppend) {

    public String table() {
        return request.table();
    }

    public List<FileKey> removedKeys() {
        return removes.stream().map(FileKey::of).toList();
    }

    public boolean changesMetadata() {
        return metadata != null;
    }

    public boolean changesProtocol() {
        return protocol != null;
    }
}
