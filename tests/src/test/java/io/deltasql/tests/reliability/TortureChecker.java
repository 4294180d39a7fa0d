package io.deltasql.tests.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.LogEntry;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a catalog after a torture run against the writers' journals and collects every anomaly
 * (rather than stopping at the first), so a run reports all it found:
 * <ul>
 *   <li>per table, versions 0…head are contiguous and each version ≥ 1 is one operation;</li>
 *   <li>every acknowledged operation is there exactly once; one whose outcome is unknown is there
 *       at most once, and a transaction in all of its tables or in none;</li>
 *   <li>nothing is there that no writer sent;</li>
 *   <li>every snapshot a reader saw equals the catalog's snapshot at that version now;</li>
 *   <li>every error a writer got has SQLState class 08 or 40001 — without faults only 40001 (the
 *       catalog stayed busy), and such an operation must not have landed;</li>
 *   <li>after {@link MirrorReconciler#reconcile()}, Delta Kernel reads each {@code _delta_log}
 *       exactly as the catalog has it, at every version ({@link TableVerifier}).</li>
 * </ul>
 */
final class TortureChecker {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the run injected faults: only then may a writer see class 08 or an outcome be unknown. */
    private final boolean faults;

    final List<String> anomalies = new ArrayList<>();
    long versions;
    int acked;
    int unknown;
    int unknownLanded;
    int readsChecked;
    final Map<String, Integer> errorStates = new TreeMap<>();
    /** One error message per SQLState, for the report. */
    final Map<String, String> samples = new TreeMap<>();

    TortureChecker(boolean faults) {
        this.faults = faults;
    }

    void check(DeltaCatalog catalog, List<String> tables, TortureJournal journal) {
        // path -> per table: adds, removes (versions)
        Map<String, Map<String, int[]>> counts = new HashMap<>();
        for (String table : tables) {
            long head = catalog.table(table).headVersion();
            versions += head + 1;
            List<Long> seen = catalog.history(table).stream()
                    .map(HistoryEntry::version)
                    .sorted()
                    .toList();
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i) != i) {
                    anomalies.add(table + ": versions not contiguous: " + seen);
                    break;
                }
            }
            if (seen.size() != head + 1) {
                anomalies.add(table + ": head is " + head + " but history has " + seen.size() + " versions");
            }
            Map<Long, Set<String>> opsPerVersion = new TreeMap<>();
            try (CloseableIterator<LogEntry> log = catalog.log(table, 1, head, Set.of("add", "remove"))) {
                while (log.hasNext()) {
                    LogEntry e = log.next();
                    String path = path(e);
                    String op = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
                    int[] c =
                            counts.computeIfAbsent(path, k -> new HashMap<>()).computeIfAbsent(table, k -> new int[2]);
                    c["add".equals(e.actionType()) ? 0 : 1]++;
                    // A delete op removes another op's path: attribute the version to the delete by its position.
                    opsPerVersion
                            .computeIfAbsent(e.version(), k -> new HashSet<>())
                            .add(e.actionType() + ":" + op);
                    if (!journal.ops.containsKey(op)) {
                        anomalies.add(table + " v" + e.version() + ": " + e.actionType() + " of " + path
                                + " that no writer sent");
                    }
                }
            } catch (Exception e) {
                anomalies.add(table + ": cannot read the log: " + e);
            }
            for (long v = 1; v <= head; v++) {
                Set<String> ops = opsPerVersion.getOrDefault(v, Set.of());
                if (ops.size() != 1) {
                    anomalies.add(table + " v" + v + ": expected the actions of exactly one operation, found " + ops);
                }
            }
        }

        for (TortureJournal.Op op : journal.ops.values()) {
            if (op.failState != null) {
                errorStates.merge(op.failState, 1, Integer::sum);
                samples.putIfAbsent(op.failState, op.failMessage);
                if (!(op.failState.startsWith("08") && faults) && !op.failState.equals("40001")) {
                    anomalies.add("op " + op.id + " (" + op.kind + "): error with SQLState " + op.failState
                            + (faults ? " (expected class 08 or 40001): " : " without faults (expected only 40001): ")
                            + op.failMessage);
                }
            }
            if (op.kind.equals("read")) {
                continue;
            }
            if (op.acked) {
                acked++;
            } else {
                unknown++;
            }
            if (op.kind.equals("delete")) {
                int removes = count(counts, op.path, op.tables.get(0), 1);
                if (op.acked ? removes != 1 : removes > 1) {
                    anomalies.add("delete " + op.id + " of " + op.tables.get(0) + "/" + op.path + " (acked=" + op.acked
                            + "): " + removes + " removes");
                }
                if (!op.acked && removes == 1) {
                    unknownLanded++;
                }
                continue;
            }
            Set<Integer> adds = new HashSet<>();
            for (String table : op.tables) {
                adds.add(count(counts, op.path, table, 0));
            }
            if (op.acked && !adds.equals(Set.of(1))) {
                anomalies.add(
                        op.kind + " " + op.id + " acknowledged but its adds per table " + op.tables + " are " + adds);
            } else if (!op.acked && !(adds.equals(Set.of(0)) || adds.equals(Set.of(1)))) {
                anomalies.add(op.kind + " " + op.id + " with unknown outcome is there in part or twice: adds per table "
                        + op.tables + " are " + adds);
            } else if (!op.acked && adds.equals(Set.of(1))) {
                unknownLanded++;
            }
        }

        if (!faults && unknownLanded > 0) {
            anomalies.add(unknownLanded + " operation(s) reported as failed without faults landed all the same");
        }

        for (TortureJournal.Read r : journal.reads) {
            List<String> paths = catalog.snapshotAt(r.table(), r.version()).files().stream()
                    .map(AddFile::path)
                    .toList();
            String hash = TortureJournal.hash(paths);
            if (!hash.equals(r.hash()) || paths.size() != r.count()) {
                anomalies.add("reader saw " + r.count() + " files (" + r.hash() + ") in " + r.table() + " v"
                        + r.version() + ", the catalog now has " + paths.size() + " (" + hash + ")");
            }
            readsChecked++;
        }

        try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
            reconciler.reconcile();
        }
        TableVerifier verifier = new TableVerifier(catalog);
        for (String table : tables) {
            VerifyReport report = verifier.verify(table, true);
            if (!report.identical()) {
                anomalies.add(table + ": _delta_log differs from the catalog:\n" + report.render());
            }
        }
    }

    private static int count(Map<String, Map<String, int[]>> counts, String path, String table, int kind) {
        int[] c = counts.getOrDefault(path, Map.of()).get(table);
        return c == null ? 0 : c[kind];
    }

    private static String path(LogEntry e) {
        try {
            JsonNode n = JSON.readTree(e.json());
            return n.get(e.actionType()).get("path").asText();
        } catch (Exception ex) {
            throw new IllegalStateException("unreadable action " + e.json(), ex);
        }
    }
}
