package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Format;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.protocol.SetTransaction;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A generated history — adds, removes, re-adds of a removed path, replacement of an active file,
 * deletion-vector updates, metadata and protocol changes, app transactions, domains — committed
 * to every catalog database. Each database's snapshot at every version must equal an in-memory
 * replay by Delta's reconciliation rules, and so equal every other database's.
 */
class SnapshotEqualityTest {
    private static final int VERSIONS = 60;

    @Test
    void everyDatabaseGivesTheSameSnapshotAtEveryVersion() {
        List<List<Action>> history = generate(new Random(42));
        List<String> reference = replay(history);
        for (CatalogTarget target : CatalogTargets.all().toList()) {
            try (var db = target.create();
                    DeltaCatalog catalog = db.open()) {
                catalog.createTable(Fixtures.partitioned("t"));
                // Version 0's metaData id is random: align the reference's later metaData actions with it.
                String id = catalog.snapshot("t").metadata().id();
                for (int v = 0; v < history.size(); v++) {
                    List<Action> actions =
                            history.get(v).stream().map(a -> withId(a, id)).toList();
                    catalog.commit(CommitRequest.builder("t", v)
                            .addAll(actions)
                            .readPredicate(ReadPredicate.ALL)
                            .build());
                }
                // Read every version from a fresh catalog (cold cache), newest first and oldest first (cache
                // advancing).
                try (DeltaCatalog cold = db.open()) {
                    for (int v = history.size(); v >= 1; v--) {
                        assertThat(canonical(cold.snapshotAt("t", v)).replace(id, "ID"))
                                .as("%s version %d (cold, descending)", target.name(), v)
                                .isEqualTo(reference.get(v - 1));
                    }
                }
                try (DeltaCatalog warm = db.open()) {
                    for (int v = 1; v <= history.size(); v++) {
                        assertThat(canonical(warm.snapshotAt("t", v)).replace(id, "ID"))
                                .as("%s version %d (advancing)", target.name(), v)
                                .isEqualTo(reference.get(v - 1));
                    }
                }
            }
        }
    }

    private static Action withId(Action a, String id) {
        if (a instanceof Metadata m) {
            return new Metadata(
                    id,
                    m.name(),
                    m.description(),
                    m.format(),
                    m.schemaString(),
                    m.partitionColumns(),
                    m.configuration(),
                    m.createdTime(),
                    m.extra());
        }
        return a;
    }

    private static List<List<Action>> generate(Random random) {
        List<List<Action>> history = new ArrayList<>();
        Map<String, AddFile> active = new LinkedHashMap<>();
        List<AddFile> removed = new ArrayList<>();
        int next = 0;
        for (int v = 1; v <= VERSIONS; v++) {
            List<Action> actions = new ArrayList<>();
            Set<String> touched = new HashSet<>();
            int adds = 1 + random.nextInt(4);
            for (int i = 0; i < adds; i++) {
                String region = random.nextBoolean() ? "eu" : random.nextBoolean() ? "us" : null;
                Map<String, String> pv = new HashMap<>();
                pv.put("region", region);
                AddFile f = new AddFile(
                        "region=" + region + "/part-" + next++ + ".parquet",
                        pv,
                        1000 + random.nextInt(1000),
                        1_700_000_000_000L + v,
                        true,
                        "{\"numRecords\":" + random.nextInt(100) + "}");
                actions.add(f);
                touched.add(key(f));
            }
            List<AddFile> candidates = new ArrayList<>(active.values());
            Collections.shuffle(candidates, random);
            int removes = Math.min(candidates.size(), random.nextInt(3));
            for (int i = 0; i < removes; i++) {
                AddFile f = candidates.get(i);
                actions.add(f.toRemove(1_700_000_000_000L + v, true));
                touched.add(key(f));
                removed.add(f);
            }
            if (!removed.isEmpty() && random.nextInt(4) == 0) {
                AddFile again = removed.get(random.nextInt(removed.size()));
                if (touched.add(key(again)) && !active.containsKey(key(again))) {
                    actions.add(again);
                }
            }
            if (candidates.size() > removes && random.nextInt(3) == 0) {
                // Replace an active file's stats (dataChange=false), as OPTIMIZE/ANALYZE writers do.
                AddFile f = candidates.get(removes);
                if (touched.add(key(f))) {
                    actions.add(new AddFile(
                            f.path(),
                            f.partitionValues(),
                            f.size(),
                            f.modificationTime(),
                            false,
                            "{\"numRecords\":" + v + "}"));
                }
                // And a deletion vector update of another: remove (path, no DV), add (path, DV).
                if (v > 40 && candidates.size() > removes + 1) { // once version 40's protocol supports deletion vectors
                    AddFile g = candidates.get(removes + 1);
                    if (g.deletionVector() == null && touched.add(key(g))) {
                        DeletionVectorDescriptor dv = new DeletionVectorDescriptor(
                                "u", "ab^-aqEH.-t@S}K{vb[*k^", 1 + v, 36, 2, null, Map.of());
                        actions.add(g.toRemove(1_700_000_000_000L + v, true));
                        actions.add(AddFile.builder()
                                .path(g.path())
                                .partitionValues(g.partitionValues())
                                .size(g.size())
                                .modificationTime(g.modificationTime())
                                .stats(g.stats())
                                .deletionVector(dv)
                                .build());
                    }
                }
            }
            if (v % 15 == 0) {
                actions.add(new Metadata(
                        "placeholder",
                        null,
                        "version " + v,
                        new Format("parquet", Map.of(), Map.of()),
                        Fixtures.SCHEMA,
                        List.of("region"),
                        Map.of("delta.checkpointInterval", String.valueOf(v)),
                        1L,
                        Map.of()));
            }
            if (v == 20) {
                actions.add(new Protocol(1, 4));
            }
            if (v == 40) {
                actions.add(new Protocol(
                        3, 7, List.of("deletionVectors"), List.of("deletionVectors", "domainMetadata"), Map.of()));
            }
            if (v % 7 == 0) {
                actions.add(new SetTransaction("app-" + (v % 2), v, (long) v));
            }
            if (v % 11 == 0) {
                actions.add(new DomainMetadata("app.domain" + (v % 3), "{\"v\":" + v + "}", v % 22 == 0, Map.of()));
            }
            history.add(actions);
            // Keep the generator's own view of the active files.
            for (Action a : actions) {
                if (a instanceof RemoveFile r) {
                    active.remove(r.path() + "|" + r.dvUniqueId());
                }
            }
            for (Action a : actions) {
                if (a instanceof AddFile f) {
                    active.put(key(f), f);
                }
            }
        }
        return history;
    }

    private static String key(AddFile f) {
        return f.path() + "|" + f.dvUniqueId();
    }

    /** Delta's reconciliation, in memory: the canonical snapshot after each version. */
    private static List<String> replay(List<List<Action>> history) {
        Map<String, AddFile> files = new HashMap<>();
        Protocol protocol = new Protocol(1, 2);
        String description = null;
        Map<String, String> config = Map.of();
        Map<String, Long> txns = new TreeMap<>();
        Map<String, String> domains = new TreeMap<>();
        List<String> out = new ArrayList<>();
        for (List<Action> actions : history) {
            for (Action a : actions) {
                if (a instanceof RemoveFile r) {
                    files.remove(r.path() + "|" + r.dvUniqueId());
                }
            }
            for (Action a : actions) {
                if (a instanceof AddFile f) {
                    files.put(key(f), f);
                } else if (a instanceof Protocol p) {
                    protocol = p;
                } else if (a instanceof Metadata m) {
                    description = m.description();
                    config = m.configuration();
                } else if (a instanceof SetTransaction t) {
                    txns.put(t.appId(), t.version());
                } else if (a instanceof DomainMetadata d) {
                    if (d.removed()) {
                        domains.remove(d.domain());
                    } else {
                        domains.put(d.domain(), d.configuration());
                    }
                }
            }
            out.add(canonical(protocol, description, config, files.values(), txns, domains));
        }
        return out;
    }

    private static String canonical(Snapshot s) {
        Map<String, String> domains = new TreeMap<>();
        s.domainMetadata().forEach((k, v) -> domains.put(k, v.configuration()));
        return canonical(
                s.protocol(),
                s.metadata().description(),
                s.metadata().configuration(),
                s.files(),
                new TreeMap<>(s.appTransactions()),
                domains);
    }

    private static String canonical(
            Protocol p,
            String description,
            Map<String, String> config,
            Collection<AddFile> files,
            Map<String, Long> txns,
            Map<String, String> domains) {
        return "protocol " + p.toJson() + "\nmetadata " + description + " " + new TreeMap<>(config) + "\ntxns " + txns
                + "\ndomains " + domains + "\nfiles\n"
                + files.stream().map(AddFile::toJson).sorted().collect(Collectors.joining("\n"));
    }
}
