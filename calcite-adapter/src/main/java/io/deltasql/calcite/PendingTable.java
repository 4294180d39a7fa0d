package io.deltasql.calcite;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.FileKey;
import io.deltasql.core.ReadPredicate;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table's part of an open transaction: the snapshot it read (pinned at first use, so every
 * statement of the transaction sees the same version), what it read, and its staged changes.
 */
final class PendingTable {
    private final String name;
    private final Snapshot base;
    private final CreateTableRequest create;
    private final Map<FileKey, AddFile> adds = new LinkedHashMap<>();
    private final Map<FileKey, RemoveFile> removes = new LinkedHashMap<>();
    private final Set<FileKey> readFiles = new LinkedHashSet<>();
    private final Set<String> operations = new LinkedHashSet<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private ReadPredicate read = ReadPredicate.NONE;
    private Metadata metadata;
    private Protocol protocol;

    private PendingTable(String name, Snapshot base, CreateTableRequest create, Metadata metadata, Protocol protocol) {
        this.name = name;
        this.base = base;
        this.create = create;
        this.metadata = metadata;
        this.protocol = protocol;
    }

    static PendingTable existing(Snapshot base) {
        return new PendingTable(base.table().name(), base, null, base.metadata(), base.protocol());
    }

    static PendingTable created(CreateTableRequest create, Metadata metadata, Protocol protocol) {
        return new PendingTable(create.name(), null, create, metadata, protocol);
    }

    String name() {
        return name;
    }

    boolean isCreated() {
        return create != null;
    }

    CreateTableRequest createRequest() {
        return create;
    }

    TableView view() {
        return new TableView(name, base, protocol, metadata, Map.copyOf(adds), Set.copyOf(removes.keySet()));
    }

    void recordRead(ReadPredicate predicate) {
        read = read.or(predicate);
    }

    /** Adds a file; one this transaction removed comes back as the new add (Delta's add replaces). */
    void stageAdd(AddFile add) {
        FileKey key = FileKey.of(add);
        removes.remove(key);
        adds.put(key, add);
    }

    /** Removes a file: cancels the transaction's own add of it, or removes a committed file. */
    void stageRemove(AddFile active, RemoveFile remove, boolean committed) {
        FileKey key = FileKey.of(active);
        adds.remove(key);
        if (committed) {
            removes.put(key, remove);
            readFiles.add(key);
        }
    }

    void stageMetadata(Metadata newMetadata, Protocol newProtocol) {
        metadata = newMetadata;
        if (newProtocol != null) {
            protocol = newProtocol;
        }
    }

    void operation(String operation, Map<String, String> operationParameters) {
        operations.add(operation);
        parameters.putAll(operationParameters);
    }

    boolean hasChanges() {
        return isCreated() || !adds.isEmpty() || !removes.isEmpty() || (base != null && metadata != base.metadata());
    }

    /** Actions of version 0 besides protocol and metaData, for a table this transaction creates. */
    List<Action> initialActions() {
        return new ArrayList<>(adds.values());
    }

    Metadata metadata() {
        return metadata;
    }

    /** The commit of this table's staged changes. */
    CommitRequest commitRequest(String commitId) {
        CommitRequest.Builder b = CommitRequest.builder(name, base.version());
        if (protocol != base.protocol()) {
            b.add(protocol);
        }
        if (metadata != base.metadata()) {
            b.add(metadata);
        }
        b.addAll(removes.values()).addAll(adds.values());
        b.readPredicate(read).readFiles(readFiles);
        b.operation(String.join(", ", operations));
        parameters.forEach(b::operationParameter);
        return b.commitId(commitId).build();
    }
}
