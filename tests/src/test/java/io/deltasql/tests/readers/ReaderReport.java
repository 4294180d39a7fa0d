package io.deltasql.tests.readers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one reader saw of one table: every version it could load (or its error for that version),
 * and its answers to timestamp time travel. Built from a reader process's JSON, or from the catalog
 * in the same shape, so the two compare with {@code equals}.
 */
record ReaderReport(
        String reader, String path, String error, List<VersionState> versions, List<TimeTravelAnswer> timeTravel) {

    /** A version as a reader sees it; {@code error} non-null when the reader refused that version. */
    record VersionState(long version, String error, Long timestamp, ProtocolState protocol, Set<FileState> files) {
        /** This state without its timestamp, for comparing what can be compared when timestamps are known to differ. */
        VersionState withoutTimestamp() {
            return new VersionState(version, error, null, protocol, files);
        }
    }

    record ProtocolState(
            int minReaderVersion, int minWriterVersion, Set<String> readerFeatures, Set<String> writerFeatures) {}

    /** An active file: the fields every reader reports; deletion vector and row ids null when absent. */
    record FileState(
            String path,
            long size,
            Map<String, String> partitionValues,
            String deletionVectorId,
            Long baseRowId,
            Long defaultRowCommitVersion) {}

    /** The version a reader chose for a timestamp, or its error. */
    record TimeTravelAnswer(long timestamp, Long version, String error) {}

    /** Reads one table's entry of a reader's JSON report. */
    static ReaderReport parse(String reader, JsonNode table) {
        String error = text(table, "error");
        List<VersionState> versions = new ArrayList<>();
        for (JsonNode v : iterable(table.get("versions"))) {
            versions.add(new VersionState(
                    v.get("version").asLong(),
                    text(v, "error"),
                    v.hasNonNull("timestamp") ? v.get("timestamp").asLong() : null,
                    v.hasNonNull("protocol") ? protocol(v.get("protocol")) : null,
                    v.hasNonNull("files") ? files(v.get("files")) : null));
        }
        List<TimeTravelAnswer> answers = new ArrayList<>();
        for (JsonNode a : iterable(table.get("timeTravel"))) {
            answers.add(new TimeTravelAnswer(
                    a.get("timestamp").asLong(),
                    a.hasNonNull("version") ? a.get("version").asLong() : null,
                    text(a, "error")));
        }
        return new ReaderReport(reader, table.get("path").asText(), error, List.copyOf(versions), List.copyOf(answers));
    }

    private static ProtocolState protocol(JsonNode p) {
        return new ProtocolState(
                p.get("minReaderVersion").asInt(),
                p.get("minWriterVersion").asInt(),
                strings(p.get("readerFeatures")),
                strings(p.get("writerFeatures")));
    }

    private static Set<FileState> files(JsonNode files) {
        Set<FileState> result = new HashSet<>();
        for (JsonNode f : files) {
            Map<String, String> pv = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            f.get("partitionValues").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pv.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
            result.add(new FileState(
                    f.get("path").asText(),
                    f.get("size").asLong(),
                    pv,
                    text(f, "deletionVectorId"),
                    f.hasNonNull("baseRowId") ? f.get("baseRowId").asLong() : null,
                    f.hasNonNull("defaultRowCommitVersion")
                            ? f.get("defaultRowCommitVersion").asLong()
                            : null));
        }
        return result;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> result = new TreeSet<>();
        for (JsonNode s : iterable(array)) {
            result.add(s.asText());
        }
        return result;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null || node.isNull() ? List.of() : node;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
