package io.deltasql.core.internal.imports;

import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.ImportedVersion;
import io.deltasql.core.internal.commit.FeatureProperties;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.InvalidActionException;
import io.deltasql.core.protocol.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The time Delta readers give each version of an imported log, for time travel by timestamp
 * ({@code files_as_of}) and {@code $history} (PROTOCOL.md, "In-Commit Timestamps"; Delta's history
 * manager in Spark and Kernel). Which rule applies is decided by the table's latest metaData, as
 * Delta readers decide it:
 * <ul>
 *   <li>with in-commit timestamps enabled, a version from the enablement version on (every version
 *       when the table has no enablement version) has its {@code commitInfo.inCommitTimestamp};</li>
 *   <li>any other version has its commit file's modification time, made monotonic: a time at or
 *       before the previous version's counts as that one plus 1 ms. A version before the enablement
 *       whose time is not before the enablement timestamp (log files copied after the fact) is never
 *       chosen by a Delta reader: it gets the enablement timestamp, so the enablement version wins.</li>
 * </ul>
 * The times never decrease, also against the catalog's head when versions are appended.
 */
public final class DeltaCommitTimes {
    static final String ICT_ENABLED = FeatureProperties.IN_COMMIT_TIMESTAMPS;
    static final String ICT_ENABLEMENT_VERSION = FeatureProperties.ICT_ENABLEMENT_VERSION;
    static final String ICT_ENABLEMENT_TIMESTAMP = FeatureProperties.ICT_ENABLEMENT_TIMESTAMP;

    private DeltaCommitTimes() {}

    /**
     * {@code versions} (consecutive, read from {@code log}) with Delta's times. {@code previous} is
     * the time of the version before the first one (the catalog's head), or {@link Long#MIN_VALUE}
     * for a new import; {@code headConfiguration} is the table's configuration before them, used when
     * none of them has a metaData.
     */
    public static List<ImportedVersion> of(
            DeltaLogListing log, List<ImportedVersion> versions, long previous, Map<String, String> headConfiguration) {
        Map<String, String> configuration = latestConfiguration(versions, headConfiguration);
        boolean ict = "true"
                .equalsIgnoreCase(configuration.getOrDefault(ICT_ENABLED, "").trim());
        Long enablementVersion = ict ? number(configuration.get(ICT_ENABLEMENT_VERSION)) : null;
        Long enablementTime = ict ? number(configuration.get(ICT_ENABLEMENT_TIMESTAMP)) : null;
        List<ImportedVersion> timed = new ArrayList<>(versions.size());
        long previousFileTime = previous;
        long before = previous;
        for (ImportedVersion v : versions) {
            FileStatus file = log.commits().get(v.version());
            Long inCommit = ict && (enablementVersion == null || v.version() >= enablementVersion)
                    ? inCommitTimestamp(log, v, file)
                    : null;
            long time;
            if (inCommit != null) {
                time = inCommit;
            } else {
                // A commit read by the importer carries its file's time; a checkpoint state carries Kernel's.
                long fileTime = v.checkpointState() && file != null ? file.getModificationTime() : v.timestamp();
                previousFileTime = previousFileTime != Long.MIN_VALUE && fileTime <= previousFileTime
                        ? previousFileTime + 1
                        : fileTime;
                time = enablementVersion != null && enablementTime != null && v.version() < enablementVersion
                        ? Math.min(previousFileTime, enablementTime)
                        : previousFileTime;
            }
            time = Math.max(time, before);
            before = time;
            timed.add(new ImportedVersion(v.version(), time, v.actionLines(), v.checkpointState()));
        }
        return timed;
    }

    private static Map<String, String> latestConfiguration(List<ImportedVersion> versions, Map<String, String> head) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            List<String> lines = versions.get(i).actionLines();
            for (int j = lines.size() - 1; j >= 0; j--) {
                if (lines.get(j).contains("\"metaData\"") && parse(lines.get(j)) instanceof Metadata m) {
                    return m.configuration();
                }
            }
        }
        return head;
    }

    /**
     * The version's in-commit timestamp; a checkpoint state has no commitInfo of its own, so its
     * commit file is read when the log still has it.
     */
    private static Long inCommitTimestamp(DeltaLogListing log, ImportedVersion v, FileStatus file) {
        Long found = inCommitTimestamp(v.actionLines());
        if (found != null || !v.checkpointState() || file == null) {
            return found;
        }
        return inCommitTimestamp(log.lines(v.version()));
    }

    private static Long inCommitTimestamp(List<String> lines) {
        for (String line : lines) {
            if (line.contains("\"commitInfo\"") && parse(line) instanceof CommitInfo ci) {
                return ci.inCommitTimestamp();
            }
        }
        return null;
    }

    private static Action parse(String line) {
        try {
            return ActionCodec.parse(line);
        } catch (InvalidActionException e) {
            return null; // the importer reports malformed lines with their position
        }
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
