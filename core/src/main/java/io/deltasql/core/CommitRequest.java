package io.deltasql.core;

import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.RemoveFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One table's share of a commit: the actions to append, the version they were computed from,
 * what the writer read (for Delta's conflict rules) and the operation recorded in commitInfo.
 * A commit without removes and with {@link ReadPredicate#NONE} is a blind append and never
 * conflicts: it lands after whatever committed concurrently.
 */
public record CommitRequest(
        String table,
        long readVersion,
        List<Action> actions,
        ReadPredicate readPredicate,
        Set<FileKey> readFiles,
        String operation,
        Map<String, String> operationParameters,
        String commitId) {
    public CommitRequest {
        actions = List.copyOf(actions);
        readPredicate = readPredicate == null ? ReadPredicate.NONE : readPredicate;
        readFiles = readFiles == null ? Set.of() : Set.copyOf(readFiles);
        operation = operation == null ? "WRITE" : operation;
        operationParameters = operationParameters == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(operationParameters));
        commitId = commitId == null ? UUID.randomUUID().toString() : commitId;
    }

    public static Builder builder(String table, long readVersion) {
        return new Builder(table, readVersion);
    }

    /** True when the commit only adds data files and read nothing: Delta's blind append. */
    public boolean isBlindAppend() {
        return readPredicate.isNone()
                && readFiles.isEmpty()
                && actions.stream().noneMatch(a -> a instanceof RemoveFile)
                && actions.stream().anyMatch(a -> a instanceof AddFile)
                && actions.stream().allMatch(a -> !(a instanceof AddFile add) || add.dataChange());
    }

    /** Collects a commit's parts. */
    public static final class Builder {
        private final String table;
        private final long readVersion;
        private final List<Action> actions = new ArrayList<>();
        private ReadPredicate readPredicate = ReadPredicate.NONE;
        private final Set<FileKey> readFiles = new LinkedHashSet<>();
        private String operation;
        private final Map<String, String> operationParameters = new LinkedHashMap<>();
        private String commitId;

        private Builder(String table, long readVersion) {
            this.table = table;
            this.readVersion = readVersion;
        }

        public Builder add(Action action) {
            actions.add(action);
            return this;
        }

        /** Adds an action given as one line of Delta log JSON; malformed JSON is refused naming the table. */
        public Builder actionJson(String line) {
            try {
                actions.add(ActionCodec.parse(line));
            } catch (InvalidActionException e) {
                throw DeltaSqlErrors.invalid("Delta table '" + table + "': invalid action: " + e.getMessage(), e);
            }
            return this;
        }

        public Builder addAll(Collection<? extends Action> more) {
            actions.addAll(more);
            return this;
        }

        public Builder readPredicate(ReadPredicate predicate) {
            this.readPredicate = predicate;
            return this;
        }

        public Builder readFiles(Collection<FileKey> files) {
            readFiles.addAll(files);
            return this;
        }

        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        public Builder operationParameter(String key, String value) {
            operationParameters.put(key, value);
            return this;
        }

        /** Sets the id recorded in the commit (commitInfo.txnId) so a caller can tell later whether it landed. */
        public Builder commitId(String commitId) {
            this.commitId = commitId;
            return this;
        }

        public CommitRequest build() {
            return new CommitRequest(
                    table, readVersion, actions, readPredicate, readFiles, operation, operationParameters, commitId);
        }
    }
}
