package io.deltasql.core.protocol;

/**
 * One action of a Delta commit, as one line {@code {"<kind>":{...}}} of a {@code _delta_log}
 * JSON file. Fields the protocol names are typed; any other field, and any action kind this
 * version does not know, is kept as JSON and written back unchanged.
 */
public sealed interface Action
        permits Protocol,
                Metadata,
                AddFile,
                RemoveFile,
                AddCdcFile,
                SetTransaction,
                CommitInfo,
                DomainMetadata,
                UnknownAction {
    /** The action's key in the log: protocol, metaData, add, remove, cdc, txn, commitInfo, domainMetadata, or an unknown one. */
    String kind();

    /** The action as one compact line of log JSON. */
    default String toJson() {
        return ActionCodec.toJson(this);
    }
}
