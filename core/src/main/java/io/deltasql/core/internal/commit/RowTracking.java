package io.deltasql.core.internal.commit;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.RemoveFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Row tracking's writer rules (PROTOCOL.md, "Row Tracking"): every new file gets a fresh range of
 * row ids ({@code baseRowId}, above the table's high-water mark, as long as its {@code numRecords})
 * and {@code defaultRowCommitVersion} = the commit's version; the {@code delta.rowTracking} domain
 * records the new high-water mark. A file re-added in the same commit that removes it (a deletion
 * vector update, say) keeps the ids the remove carries.
 */
final class RowTracking {
    static final String DOMAIN = "delta.rowTracking";
    static final String MATERIALIZED_ROW_ID = "delta.rowTracking.materializedRowIdColumnName";
    static final String MATERIALIZED_ROW_COMMIT_VERSION = "delta.rowTracking.materializedRowCommitVersionColumnName";

    private RowTracking() {}

    /** The adds with row ids, and the domain action with the new high-water mark (null when no id was assigned). */
    record Assigned(List<AddFile> adds, DomainMetadata highWaterMark) {}

    /** The names of the columns that materialize row ids, as Delta's writers set them when row tracking is turned on. */
    static Map<String, String> materializedColumnNames() {
        return Map.of(
                MATERIALIZED_ROW_ID,
                "_row-id-col-" + UUID.randomUUID(),
                MATERIALIZED_ROW_COMMIT_VERSION,
                "_row-commit-version-col-" + UUID.randomUUID());
    }

    static Assigned assign(
            String where, List<AddFile> adds, List<RemoveFile> removes, DomainMetadata current, long version) {
        long highWaterMark = highWaterMark(where, current);
        long start = highWaterMark;
        Map<String, RemoveFile> removed = new HashMap<>();
        removes.forEach(r -> removed.put(r.path(), r));
        List<AddFile> out = new ArrayList<>(adds.size());
        for (AddFile a : adds) {
            Long base = a.baseRowId();
            Long commitVersion = a.defaultRowCommitVersion();
            RemoveFile previous = removed.get(a.path());
            if (base == null && previous != null && previous.baseRowId() != null) {
                base = previous.baseRowId();
                commitVersion = commitVersion != null ? commitVersion : previous.defaultRowCommitVersion();
            }
            if (base == null) {
                base = highWaterMark + 1;
                highWaterMark += numRecords(where, a);
            } else {
                // Ids the file already has (kept from its remove, or stated by the committer) were counted when given.
                OptionalLong count = recordCount(a);
                if (count.isPresent()) {
                    highWaterMark = Math.max(highWaterMark, base + count.getAsLong() - 1);
                }
            }
            if (commitVersion == null) {
                commitVersion = version;
            }
            out.add(
                    base.equals(a.baseRowId()) && commitVersion.equals(a.defaultRowCommitVersion())
                            ? a
                            : a.toBuilder()
                                    .baseRowId(base)
                                    .defaultRowCommitVersion(commitVersion)
                                    .build());
        }
        DomainMetadata mark = highWaterMark == start
                ? null
                : new DomainMetadata(DOMAIN, "{\"rowIdHighWaterMark\":" + highWaterMark + "}", false, Map.of());
        return new Assigned(out, mark);
    }

    /** The high-water mark a domain records; -1 (no id assigned yet) without one. */
    static long highWaterMark(String where, DomainMetadata domain) {
        if (domain == null || domain.removed()) {
            return -1;
        }
        try {
            JsonNode mark =
                    ActionCodec.mapper().readTree(domain.configuration()).get("rowIdHighWaterMark");
            if (mark != null && mark.canConvertToLong()) {
                return mark.asLong();
            }
        } catch (Exception e) {
            // refused below
        }
        throw DeltaSqlErrors.invalid(where + ": the " + DOMAIN + " domain's configuration '" + domain.configuration()
                + "' has no rowIdHighWaterMark");
    }

    /** The file's row count from its stats: row ids cannot be assigned without it. */
    private static long numRecords(String where, AddFile a) {
        OptionalLong n = recordCount(a);
        if (n.isEmpty()) {
            throw DeltaSqlErrors.invalid(
                    where + ": file '" + a.path() + "' has no numRecords in its stats; the table"
                            + " tracks row ids (delta.enableRowTracking / feature rowTracking), which are assigned from each file's row count");
        }
        return n.getAsLong();
    }

    private static OptionalLong recordCount(AddFile a) {
        String stats = a.stats();
        if (stats != null && !stats.isBlank()) {
            try {
                JsonNode n = ActionCodec.mapper().readTree(stats).get("numRecords");
                if (n != null && n.canConvertToLong() && n.asLong() >= 0) {
                    return OptionalLong.of(n.asLong());
                }
            } catch (Exception e) {
                // stats the commit validator let through but without a usable count: none
            }
        }
        return OptionalLong.empty();
    }
}
