package io.deltasql.core.internal.commit;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.internal.store.SnapshotHeader;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a commit follow the rules of the table features its table uses, once its version and
 * timestamp are decided (under the table's lock, so a commit placed after concurrent ones gets
 * its row ids after theirs): properties that turn a feature on upgrade the protocol in the same
 * commit; row ids are assigned; the in-commit timestamp is set; deletion vectors need their
 * feature; column-mapped schemas get ids and physical names; clustering columns become their
 * domain. Every commit, through SQL or the API, goes through here.
 */
public final class FeatureRules {
    private FeatureRules() {}

    /** A commit as the table's features require it, and its in-commit timestamp (null when the table keeps none). */
    public record Ruled(PreparedCommit commit, Long inCommitTimestamp) {}

    /** Applies the rules; {@code base} is the table's state the commit follows, null for a new table's version 0. */
    public static Ruled apply(SnapshotHeader base, PreparedCommit commit, long version, long timestamp) {
        String where = "Delta table '" + commit.table() + "', commit at read version "
                + commit.request().readVersion();
        Protocol before = base == null ? ProtocolUpgrade.NEW_TABLE : base.protocol();
        Metadata beforeMetadata = base == null ? null : base.metadata();
        Protocol protocol = commit.protocol() != null ? commit.protocol() : before;
        Metadata metadata = commit.metadata();
        if (metadata != null) {
            metadata = ruledMetadata(
                    where, beforeMetadata, before, metadata, base != null && base.numFiles() > 0, version, timestamp);
            FeatureProperties.Requested requested = FeatureProperties.requested(
                    commit.table(), commit.metadata().configuration());
            requested.checkEnableable(commit.table(), protocol);
            Set<TableFeature> needed = new LinkedHashSet<>(requested.features());
            if (metadata.schemaString() != null) {
                SchemaTypeFeatures.missing(metadata.schemaString(), protocol)
                        .forEach(id -> needed.add(TableFeature.byId(id).orElseThrow()));
            }
            protocol = ProtocolUpgrade.upgrade(
                    protocol, needed, requested.minReaderVersion(), requested.minWriterVersion());
        }
        List<DomainMetadata> domains = new ArrayList<>();
        if (metadata != null && metadata.configuration().containsKey(Clustering.PROPERTY)) {
            // The clustering columns go to their domain, not to the configuration (as in Delta).
            domains.add(Clustering.domain(
                    where,
                    metadata,
                    Clustering.columns(commit.table(), metadata.configuration().get(Clustering.PROPERTY))));
            Map<String, String> config = new LinkedHashMap<>(metadata.configuration());
            config.remove(Clustering.PROPERTY);
            metadata = metadata.withConfiguration(config);
        }
        Metadata effective = metadata != null ? metadata : beforeMetadata;
        CatalogManagedRules.checkCommit(where, base == null ? null : before, beforeMetadata, protocol, effective);
        checkDeletionVectors(where, commit, protocol);
        List<AddFile> adds = commit.adds();
        if (ProtocolUpgrade.supports(protocol, TableFeature.ROW_TRACKING)) {
            DomainMetadata current = commit.domains().containsKey(RowTracking.DOMAIN)
                    ? commit.domains().get(RowTracking.DOMAIN)
                    : base == null ? null : base.domainMetadata().get(RowTracking.DOMAIN);
            RowTracking.Assigned assigned = RowTracking.assign(where, adds, commit.removes(), current, version);
            adds = assigned.adds();
            if (assigned.highWaterMark() != null) {
                domains.add(assigned.highWaterMark());
            }
        }
        Long ict = ProtocolUpgrade.supports(protocol, TableFeature.IN_COMMIT_TIMESTAMP)
                        && FeatureProperties.isTrue(effective.configuration(), FeatureProperties.IN_COMMIT_TIMESTAMPS)
                ? timestamp
                : null;
        Protocol newProtocol = protocol == before && commit.protocol() == null ? null : protocol;
        return new Ruled(rebuild(commit, newProtocol, metadata, adds, domains), ict);
    }

    /**
     * The metaData as the features it turns on need it: without the protocol requests
     * ({@code delta.feature.*}), with column-mapping ids, row tracking's column names and the
     * in-commit timestamps' enablement provenance.
     */
    static Metadata ruledMetadata(
            String where,
            Metadata before,
            Protocol beforeProtocol,
            Metadata m,
            boolean hasFiles,
            long version,
            long timestamp) {
        Map<String, String> old = before == null ? Map.of() : before.configuration();
        Map<String, String> config = new LinkedHashMap<>(FeatureProperties.configuration(m.configuration()));
        String mode = config.get(FeatureProperties.COLUMN_MAPPING_MODE);
        if (before != null
                && !Objects.equals(
                        old.getOrDefault(FeatureProperties.COLUMN_MAPPING_MODE, "none"),
                        config.getOrDefault(FeatureProperties.COLUMN_MAPPING_MODE, "none"))) {
            throw DeltaSqlErrors.unsupported(where + ": changing " + FeatureProperties.COLUMN_MAPPING_MODE + " from '"
                    + old.getOrDefault(FeatureProperties.COLUMN_MAPPING_MODE, "none") + "' to '"
                    + config.getOrDefault(FeatureProperties.COLUMN_MAPPING_MODE, "none")
                    + "' needs a column-mapping rewrite of the schema, which deltasql does not do");
        }
        String schema = m.schemaString();
        if (ColumnMappingSchemas.maps(mode) && schema != null) {
            long max = parseLong(config.get(ColumnMappingSchemas.MAX_COLUMN_ID));
            ColumnMappingSchemas.Mapped mapped = ColumnMappingSchemas.assign(schema, max);
            schema = mapped.schemaString();
            config.put(ColumnMappingSchemas.MAX_COLUMN_ID, Long.toString(mapped.maxColumnId()));
        }
        boolean rowTracking = FeatureProperties.isTrue(config, FeatureProperties.ROW_TRACKING);
        if (rowTracking && !FeatureProperties.isTrue(old, FeatureProperties.ROW_TRACKING)) {
            if (hasFiles && !ProtocolUpgrade.supports(beforeProtocol, TableFeature.ROW_TRACKING)) {
                throw DeltaSqlErrors.unsupported(
                        where + ": turning on row tracking for a table that already has files needs"
                                + " row ids for those files (a backfill), which deltasql does not write; create the table with"
                                + " delta.enableRowTracking=true, or delta.feature.rowTracking=supported before it has files");
            }
        }
        if (rowTracking && !config.containsKey(RowTracking.MATERIALIZED_ROW_ID)) {
            config.putAll(RowTracking.materializedColumnNames());
        }
        boolean ict = FeatureProperties.isTrue(config, FeatureProperties.IN_COMMIT_TIMESTAMPS);
        if (ict && before != null && !FeatureProperties.isTrue(old, FeatureProperties.IN_COMMIT_TIMESTAMPS)) {
            // Readers use file times before this version and in-commit timestamps from it on.
            config.put(FeatureProperties.ICT_ENABLEMENT_VERSION, Long.toString(version));
            config.put(FeatureProperties.ICT_ENABLEMENT_TIMESTAMP, Long.toString(timestamp));
        }
        if (config.equals(m.configuration()) && Objects.equals(schema, m.schemaString())) {
            return m;
        }
        return m.withSchemaAndConfiguration(schema, config);
    }

    /** Deletion vectors on adds and removes need the deletionVectors feature: readers of other tables ignore them. */
    private static void checkDeletionVectors(String where, PreparedCommit commit, Protocol protocol) {
        if (ProtocolUpgrade.supports(protocol, TableFeature.DELETION_VECTORS)) {
            return;
        }
        for (AddFile a : commit.adds()) {
            if (a.deletionVector() != null) {
                throw noDeletionVectors(where, a.path());
            }
        }
        for (RemoveFile r : commit.removes()) {
            if (r.deletionVector() != null) {
                throw noDeletionVectors(where, r.path());
            }
        }
    }

    private static InvalidRequestException noDeletionVectors(String where, String path) {
        return DeltaSqlErrors.unsupported(
                where + ": file '" + path + "' has a deletion vector, and the table does not support"
                        + " deletion vectors; turn them on with the property delta.enableDeletionVectors=true");
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The commit with its protocol, metaData and adds replaced where the rules changed them, and their domains, in the caller's order. */
    private static PreparedCommit rebuild(
            PreparedCommit c,
            Protocol protocol,
            Metadata metadata,
            List<AddFile> adds,
            List<DomainMetadata> ruledDomains) {
        boolean sameAdds = adds == c.adds();
        if (protocol == c.protocol() && metadata == c.metadata() && sameAdds && ruledDomains.isEmpty()) {
            return c;
        }
        Map<Action, Action> replaced = new IdentityHashMap<>();
        for (int i = 0; i < adds.size(); i++) {
            replaced.put(c.adds().get(i), adds.get(i));
        }
        if (c.metadata() != null) {
            replaced.put(c.metadata(), metadata);
        }
        Set<String> ruled = new HashSet<>();
        ruledDomains.forEach(d -> ruled.add(d.domain()));
        List<Action> actions = new ArrayList<>(c.actions().size() + 1 + ruledDomains.size());
        if (protocol != null && c.protocol() == null) {
            actions.add(protocol); // Delta writes the protocol before the metaData that needs it
        }
        for (Action a : c.actions()) {
            if (a == c.protocol() && protocol != null) {
                actions.add(protocol);
            } else if (a instanceof DomainMetadata d && ruled.contains(d.domain())) {
                continue; // replaced by the domain the rules decided (the row id mark this commit's adds reach, ...)
            } else {
                actions.add(replaced.getOrDefault(a, a));
            }
        }
        Map<String, DomainMetadata> domains = new LinkedHashMap<>(c.domains());
        for (DomainMetadata d : ruledDomains) {
            actions.add(d);
            domains.put(d.domain(), d);
        }
        return new PreparedCommit(
                c.request(),
                c.commitInfo(),
                protocol != null ? protocol : c.protocol(),
                metadata,
                List.copyOf(adds),
                c.removes(),
                c.txns(),
                domains,
                List.copyOf(actions),
                c.blindAppend());
    }
}
