package io.deltasql.core.verify;

import java.util.List;

/**
 * What {@link TableVerifier} found: the versions it compared (the latest only, or every version
 * from {@code firstVersion} to {@code lastVersion}), the differences between the catalog and the
 * {@code _delta_log} (empty when they agree; at most {@link TableVerifier#MAX_DIFFERENCES} are
 * listed, {@code omittedDifferences} counts the rest), and notes that explain them (pending mirror
 * versions, a blocked table).
 */
public record VerifyReport(
        String table,
        String location,
        long firstVersion,
        long lastVersion,
        boolean allVersions,
        List<Difference> differences,
        long omittedDifferences,
        List<String> notes) {
    public VerifyReport {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    /** True when the catalog and the {@code _delta_log} agree at every version compared. */
    public boolean identical() {
        return differences.isEmpty() && omittedDifferences == 0;
    }

    public long differenceCount() {
        return differences.size() + omittedDifferences;
    }

    /** A human-readable report: a one-line verdict, then one line per difference and note. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        String versions = allVersions ? "versions " + firstVersion + " to " + lastVersion : "version " + lastVersion;
        sb.append("Delta table '")
                .append(table)
                .append("' at ")
                .append(location)
                .append(": ");
        if (identical()) {
            sb.append("the catalog and the _delta_log agree at ")
                    .append(versions)
                    .append('\n');
        } else {
            sb.append(differenceCount())
                    .append(differenceCount() == 1 ? " difference" : " differences")
                    .append(" between the catalog and the _delta_log (")
                    .append(versions)
                    .append(" compared)\n");
            for (Difference d : differences) {
                sb.append("  ").append(d).append('\n');
            }
            if (omittedDifferences > 0) {
                sb.append("  … and ").append(omittedDifferences).append(" more\n");
            }
        }
        for (String note : notes) {
            sb.append("  note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
