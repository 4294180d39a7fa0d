package io.deltasql.core.internal.verify;

import io.deltasql.core.verify.Difference;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Lists how two {@link TableState}s of one version differ, catalog first. */
public final class StateComparison {
    private StateComparison() {}

    public static void compare(TableState catalog, TableState log, Consumer<Difference> out) {
        long v = catalog.version();
        check(v, "protocol.minReaderVersion", catalog.minReaderVersion(), log.minReaderVersion(), out);
        check(v, "protocol.minWriterVersion", catalog.minWriterVersion(), log.minWriterVersion(), out);
        check(v, "protocol.readerFeatures", catalog.readerFeatures(), log.readerFeatures(), out);
        check(v, "protocol.writerFeatures", catalog.writerFeatures(), log.writerFeatures(), out);
        check(v, "metadata.id", catalog.metadataId(), log.metadataId(), out);
        check(v, "schema", catalog.schema(), log.schema(), out);
        check(v, "partitionColumns", catalog.partitionColumns(), log.partitionColumns(), out);
        if (!catalog.configuration().equals(log.configuration())) {
            out.accept(new Difference(
                    v,
                    "configuration",
                    new TreeMap<>(catalog.configuration()).toString(),
                    new TreeMap<>(log.configuration()).toString()));
        }
        compareFiles(v, catalog.files(), log.files(), out);
    }

    private static void compareFiles(
            long v,
            Map<String, TableState.FileState> catalog,
            Map<String, TableState.FileState> log,
            Consumer<Difference> out) {
        TreeSet<String> keys = new TreeSet<>(catalog.keySet());
        keys.addAll(log.keySet());
        for (String key : keys) {
            TableState.FileState c = catalog.get(key);
            TableState.FileState l = log.get(key);
            String aspect = "file '" + key + "'";
            if (c == null) {
                out.accept(new Difference(v, aspect, "absent", "active (size " + l.size() + ")"));
            } else if (l == null) {
                out.accept(new Difference(v, aspect, "active (size " + c.size() + ")", "absent"));
            } else {
                check(v, aspect + " size", c.size(), l.size(), out);
                if (!c.partitionValues().equals(l.partitionValues())) {
                    out.accept(new Difference(
                            v,
                            aspect + " partitionValues",
                            new TreeMap<>(c.partitionValues()).toString(),
                            new TreeMap<>(l.partitionValues()).toString()));
                }
                check(v, aspect + " deletionVector", dv(c.deletionVector()), dv(l.deletionVector()), out);
            }
        }
    }

    private static String dv(String uniqueId) {
        return uniqueId == null ? "none" : uniqueId;
    }

    private static void check(long v, String aspect, Object catalog, Object log, Consumer<Difference> out) {
        if (!Objects.equals(catalog, log)) {
            out.accept(new Difference(v, aspect, String.valueOf(catalog), String.valueOf(log)));
        }
    }
}
