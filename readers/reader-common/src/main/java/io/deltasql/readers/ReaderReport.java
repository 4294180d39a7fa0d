package io.deltasql.readers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The report a reader prints for one table: what it sees at every version ({@code versions}) and
 * which version it time-travels to at each timestamp ({@code timeTravel}). A failure at one version
 * or timestamp is recorded as its {@code error} and the reader goes on, so one report shows them all.
 */
public final class ReaderReport {
    /** Describes the table as of one version into {@code state}. */
    @FunctionalInterface
    public interface VersionReader {
        void describe(long version, ObjectNode state) throws Exception;
    }

    /** The version the reader resolves a timestamp to. */
    @FunctionalInterface
    public interface TimestampResolver {
        long versionAt(long timestampMillis) throws Exception;
    }

    private ReaderReport() {}

    public static void versions(ObjectNode report, long latest, VersionReader reader) {
        ArrayNode versions = report.putArray("versions");
        for (long v = 0; v <= latest; v++) {
            ObjectNode state = versions.addObject();
            state.put("version", v);
            try {
                reader.describe(v, state);
            } catch (Exception e) { // Spark's and Kernel's failures alike: checked in Java's eyes or not
                state.removeAll();
                state.put("version", v);
                state.put("error", describe(e));
            }
        }
    }

    public static void timeTravel(ObjectNode report, List<Long> timestamps, TimestampResolver resolver) {
        ArrayNode answers = report.putArray("timeTravel");
        for (long timestamp : timestamps) {
            ObjectNode answer = answers.addObject();
            answer.put("timestamp", timestamp);
            try {
                answer.put("version", resolver.versionAt(timestamp));
            } catch (Exception e) {
                answer.put("error", describe(e));
            }
        }
    }

    /** An exception and up to four of its causes, class and message each, on one line. */
    public static String describe(Throwable e) {
        List<String> causes = new ArrayList<>();
        for (Throwable t = e; t != null && causes.size() < 5; t = t.getCause()) {
            causes.add(t.getClass().getName() + ": " + t.getMessage());
        }
        return String.join(" / caused by ", causes);
    }
}
