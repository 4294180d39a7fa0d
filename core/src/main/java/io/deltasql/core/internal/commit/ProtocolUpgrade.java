package io.deltasql.core.internal.commit;

import io.deltasql.core.protocol.Protocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lowest protocol that keeps what a table has and adds the features it now needs, built the
 * way Delta's writers build it: a legacy protocol (writer &lt; 7) is raised while every needed
 * feature has a legacy version; otherwise the table moves to table features (writer 7), listing
 * the features its old versions implied, and reader 3 when readers must know a feature that
 * reader 2 does not imply. A protocol never loses a feature.
 */
public final class ProtocolUpgrade {
    /** The protocol of a new table before its properties ask for anything, as Delta creates it. */
    public static final Protocol NEW_TABLE = new Protocol(1, 2);

    private ProtocolUpgrade() {}

    /** {@code current} with {@code needed} (and what they need) and at least the requested versions; {@code current} itself when it has them. */
    public static Protocol upgrade(Protocol current, Collection<TableFeature> needed, int minReader, int minWriter) {
        Set<TableFeature> closure = closure(needed);
        int reader = Math.max(current.minReaderVersion(), minReader);
        int writer = Math.max(current.minWriterVersion(), minWriter);
        if (reader >= 3 && writer < 7) {
            writer = 7; // reader 3 (reader features) exists only with writer 7
        }
        if (writer < 7 && closure.stream().allMatch(TableFeature::legacy)) {
            for (TableFeature f : closure) {
                writer = Math.max(writer, f.legacyWriter());
                reader = Math.max(reader, f.readerWriter() ? f.legacyReader() : 1);
            }
            return same(current, reader, writer) ? current : new Protocol(reader, writer);
        }
        if (current.minWriterVersion() < 7) {
            // Moving to table features: name what the legacy versions gave, so no feature is lost.
            closure.addAll(TableFeature.impliedBy(
                    reader < 3 ? reader : current.minReaderVersion(),
                    writer < 7 ? writer : current.minWriterVersion()));
        }
        return withFeatures(current, reader, closure);
    }

    private static Protocol withFeatures(Protocol current, int reader, Set<TableFeature> closure) {
        LinkedHashSet<String> writerFeatures = new LinkedHashSet<>();
        LinkedHashSet<String> readerFeatures = new LinkedHashSet<>();
        if (current.minWriterVersion() >= 7 && current.writerFeatures() != null) {
            writerFeatures.addAll(current.writerFeatures());
        }
        if (current.minReaderVersion() >= 3 && current.readerFeatures() != null) {
            readerFeatures.addAll(current.readerFeatures());
        }
        List<String> newReaderFeatures = new ArrayList<>();
        for (TableFeature f : closure) {
            writerFeatures.add(f.id());
            if (f.readerWriter()) {
                newReaderFeatures.add(f.id());
            }
        }
        if (reader < 3) {
            // Reader 2 gives readers column mapping; any other reader feature needs reader 3.
            boolean beyondLegacy =
                    newReaderFeatures.stream().anyMatch(id -> !id.equals(TableFeature.COLUMN_MAPPING.id()));
            if (!beyondLegacy) {
                int r = newReaderFeatures.isEmpty() ? reader : Math.max(reader, 2);
                return result(current, r, null, List.copyOf(writerFeatures));
            }
            if (reader == 2) {
                readerFeatures.add(TableFeature.COLUMN_MAPPING.id());
            }
            reader = 3;
        }
        readerFeatures.addAll(newReaderFeatures);
        return result(current, reader, List.copyOf(readerFeatures), List.copyOf(writerFeatures));
    }

    private static Protocol result(
            Protocol current, int reader, List<String> readerFeatures, List<String> writerFeatures) {
        boolean unchanged = current.minReaderVersion() == reader
                && current.minWriterVersion() == 7
                && sameSet(current.writerFeatures(), writerFeatures)
                && (reader < 3 || sameSet(current.readerFeatures(), readerFeatures));
        return unchanged ? current : new Protocol(reader, 7, readerFeatures, writerFeatures, Map.of());
    }

    /** The features and every feature they need, in a stable order. */
    static Set<TableFeature> closure(Collection<TableFeature> features) {
        Set<TableFeature> all = new LinkedHashSet<>();
        List<TableFeature> todo = new ArrayList<>(features);
        while (!todo.isEmpty()) {
            TableFeature f = todo.remove(0);
            if (all.add(f)) {
                todo.addAll(f.requires());
            }
        }
        return all;
    }

    /** True when {@code p} lets writers use {@code feature}: listed, or implied by a legacy writer version. */
    public static boolean supports(Protocol p, TableFeature feature) {
        if (p.minWriterVersion() >= 7) {
            return p.supportsWriterFeature(feature.id());
        }
        return feature.legacy()
                && p.minWriterVersion() >= feature.legacyWriter()
                && (!feature.readerWriter() || p.minReaderVersion() >= feature.legacyReader());
    }

    private static boolean same(Protocol p, int reader, int writer) {
        return p.minReaderVersion() == reader && p.minWriterVersion() == writer;
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a != null && b != null && Set.copyOf(a).equals(Set.copyOf(b));
    }
}
