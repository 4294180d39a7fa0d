package io.deltasql.core.internal.commit;

import io.deltasql.core.CatalogLimit;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.FileKey;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.TransactionAlreadyAppliedException;
import io.deltasql.core.internal.store.SnapshotHeader;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ColumnMappingNames;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.protocol.SetTransaction;
import io.deltasql.core.protocol.TableSchemas;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks a commit must pass: first those on its own actions ({@link #prepare}), then those
 * against the table's state at the version it will follow ({@link #checkAgainst}). Every failure
 * is an {@link InvalidRequestException} naming the table, the version and the offending value.
 */
public final class CommitValidator {
    /** The longest file path a commit accepts ({@link CatalogLimit#FILE_PATH}). */
    public static final int MAX_PATH_LENGTH = CatalogLimit.FILE_PATH.max();

    private CommitValidator() {}

    /** Classifies and checks the actions of {@code request} on their own. */
    public static PreparedCommit prepare(CommitRequest request) {
        String table = request.table();
        if (table == null || table.isEmpty()) {
            throw DeltaSqlErrors.invalid("a commit must name its table");
        }
        if (request.readVersion() < 0) {
            throw invalid(request, "read version must be >= 0");
        }
        if (request.actions().isEmpty()) {
            throw invalid(request, "a commit needs at least one action");
        }
        String where = "Delta table '" + table + "', commit at read version " + request.readVersion();
        CatalogLimits.checkRequest(where, request);
        CommitInfo commitInfo = null;
        Protocol protocol = null;
        Metadata metadata = null;
        List<AddFile> adds = new ArrayList<>();
        List<RemoveFile> removes = new ArrayList<>();
        Map<String, SetTransaction> txns = new LinkedHashMap<>();
        Map<String, DomainMetadata> domains = new LinkedHashMap<>();
        List<Action> actions = new ArrayList<>();
        Set<FileKey> addKeys = new HashSet<>();
        Set<FileKey> removeKeys = new HashSet<>();
        for (Action a : request.actions()) {
            if (a == null) {
                throw invalid(request, "a commit action is null");
            }
            CatalogLimits.checkAction(where, a);
            if (a instanceof CommitInfo ci) {
                if (commitInfo != null) {
                    throw invalid(request, "more than one commitInfo action");
                }
                commitInfo = ci;
                continue;
            } else if (a instanceof Protocol p) {
                if (protocol != null) {
                    throw invalid(request, "more than one protocol action");
                }
                protocol = p;
            } else if (a instanceof Metadata m) {
                if (metadata != null) {
                    throw invalid(request, "more than one metaData action");
                }
                metadata = m;
            } else if (a instanceof AddFile add) {
                checkPath(request, add.path());
                if (!addKeys.add(FileKey.of(add))) {
                    throw invalid(request, "file " + FileKey.of(add) + " is added twice");
                }
                adds.add(add);
            } else if (a instanceof RemoveFile remove) {
                if (!removeKeys.add(FileKey.of(remove))) {
                    throw invalid(request, "file " + FileKey.of(remove) + " is removed twice");
                }
                removes.add(remove);
            } else if (a instanceof SetTransaction txn) {
                if (txns.put(txn.appId(), txn) != null) {
                    throw invalid(request, "more than one txn action for application '" + txn.appId() + "'");
                }
            } else if (a instanceof DomainMetadata d) {
                if (domains.put(d.domain(), d) != null) {
                    throw invalid(request, "more than one domainMetadata action for domain '" + d.domain() + "'");
                }
            }
            // cdc files and unknown action kinds carry no snapshot state: they are kept in the log as written.
            actions.add(a);
        }
        for (FileKey k : addKeys) {
            if (removeKeys.contains(k)) {
                throw invalid(request, "file " + k + " is both added and removed");
            }
        }
        if (protocol != null) {
            ProtocolSupport.check(table, protocol);
        }
        if (metadata != null) {
            TableSchemas.validate(table, metadata.schemaString(), metadata.partitionColumns());
        }
        return new PreparedCommit(
                request,
                commitInfo,
                protocol,
                metadata,
                List.copyOf(adds),
                List.copyOf(removes),
                txns,
                domains,
                List.copyOf(actions),
                request.isBlindAppend());
    }

    /**
     * A new file's path must be what Delta's log holds: a URI (relative to the table or absolute),
     * with special characters percent-encoded. A path that is not one (a raw space, quote or
     * backslash, a bare %, a control character) would make every Delta reader fail on the log.
     */
    private static void checkPath(CommitRequest request, String path) {
        if (path == null || path.isEmpty()) {
            throw invalid(request, "an added file has no path");
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw invalid(
                        request,
                        "file path '" + path.replaceAll("\\p{Cntrl}", "?") + "' contains a control character"
                                + " (code " + (int) path.charAt(i) + "); Delta paths are percent-encoded URIs");
            }
        }
        try {
            new URI(path);
        } catch (URISyntaxException e) {
            throw invalid(
                    request,
                    "file path '" + path + "' is not a valid URI (" + e.getReason() + " at index " + e.getIndex()
                            + "): Delta stores paths percent-encoded, e.g. a space as %20");
        }
    }

    /** Checks a prepared commit against the table's state it will follow. */
    public static void checkAgainst(PreparedCommit commit, SnapshotHeader head) {
        ProtocolSupport.checkWritable(commit.table(), head.protocol(), commit.protocol());
        CommitRequest request = commit.request();
        Metadata metadata = commit.metadata() != null ? commit.metadata() : head.metadata();
        if (commit.metadata() != null
                && !commit.metadata().id().equals(head.metadata().id())) {
            throw invalid(
                    request,
                    "metaData id '" + commit.metadata().id() + "' differs from the table's id '"
                            + head.metadata().id() + "'; a table's id never changes");
        }
        if (commit.metadata() != null
                && (!commit.metadata().schemaString().equals(head.metadata().schemaString())
                        || !commit.metadata()
                                .partitionColumns()
                                .equals(head.metadata().partitionColumns()))) {
            // A new schema gets the full check of a new table's; one carried over unchanged (a
            // property change on an imported table) is the table's own and stays as it is.
            TableSchemas.validateDefinition(
                    where(request),
                    request.table(),
                    commit.metadata().schemaString(),
                    commit.metadata().partitionColumns());
            // The features its types need (timestampNtz, variantType) are added by FeatureRules, as Delta adds them.
        }
        if (commit.protocol() != null) {
            Protocol old = head.protocol();
            Protocol p = commit.protocol();
            if (p.minReaderVersion() < old.minReaderVersion() || p.minWriterVersion() < old.minWriterVersion()) {
                throw invalid(
                        request,
                        "protocol downgrade from reader " + old.minReaderVersion() + " / writer "
                                + old.minWriterVersion() + " to reader " + p.minReaderVersion() + " / writer "
                                + p.minWriterVersion());
            }
        }
        PartitionKeys keys = PartitionKeys.of(metadata);
        for (AddFile add : commit.adds()) {
            checkPartitionValues(request, add, keys);
        }
        boolean appendOnly = "true".equalsIgnoreCase(metadata.configuration().get("delta.appendOnly"));
        if (appendOnly) {
            for (RemoveFile r : commit.removes()) {
                if (r.dataChange()) {
                    throw invalid(
                            request,
                            "table is append-only (delta.appendOnly=true): cannot remove file '" + r.path()
                                    + "' with dataChange=true");
                }
            }
        }
        for (SetTransaction txn : commit.txns().values()) {
            Long recorded = head.appTransactions().get(txn.appId());
            if (recorded != null && txn.version() <= recorded) {
                throw new TransactionAlreadyAppliedException(request.table(), txn.appId(), txn.version(), recorded);
            }
        }
    }

    /** Checks the files a new table's version 0 carries against the partition columns that version defines. */
    public static void checkVersionZero(PreparedCommit commit) {
        if (commit.metadata() == null || commit.protocol() == null) {
            throw invalid(commit.request(), "version 0 needs a protocol and a metaData action");
        }
        PartitionKeys keys = PartitionKeys.of(commit.metadata());
        for (AddFile add : commit.adds()) {
            checkPartitionValues(commit.request(), add, keys);
        }
        if (!commit.removes().isEmpty()) {
            throw invalid(commit.request(), "a new table has no files to remove");
        }
    }

    /** The keys every file's partition values must have (read from the schema once per commit), and how to name them. */
    private record PartitionKeys(Set<String> keys, String description) {
        static PartitionKeys of(Metadata metadata) {
            ColumnMappingNames names = ColumnMappingNames.of(metadata);
            Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            keys.addAll(names.partitionKeys());
            String description = names.partitionKeys()
                    + (names.mapped()
                            ? " (the physical names of its column-mapped partition columns "
                                    + metadata.partitionColumns() + ")"
                            : "");
            return new PartitionKeys(keys, description);
        }
    }

    /** A file's partition values name every partition column once, by its physical name on a column-mapped table. */
    private static void checkPartitionValues(CommitRequest request, AddFile add, PartitionKeys keys) {
        Set<String> partitionColumns = keys.keys();
        Set<String> given = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        given.addAll(add.partitionValues().keySet());
        if (!given.equals(partitionColumns)) {
            Set<String> unknown = new TreeSet<>(given);
            unknown.removeAll(partitionColumns);
            Set<String> missing = new TreeSet<>(partitionColumns);
            missing.removeAll(given);
            StringBuilder why =
                    new StringBuilder("file '" + add.path() + "': partition values " + add.partitionValues());
            if (!unknown.isEmpty()) {
                why.append(" name unknown partition column(s) ").append(unknown);
            }
            if (!missing.isEmpty()) {
                why.append(unknown.isEmpty() ? "" : " and")
                        .append(" lack partition column(s) ")
                        .append(missing);
            }
            throw invalid(
                    request,
                    why.append("; the table is partitioned by ")
                            .append(keys.description())
                            .toString());
        }
    }

    static InvalidRequestException invalid(CommitRequest request, String what) {
        return DeltaSqlErrors.invalid(where(request) + ": " + what);
    }

    private static String where(CommitRequest request) {
        return "Delta table '" + request.table() + "', commit at read version " + request.readVersion();
    }
}
