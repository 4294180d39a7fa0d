package io.deltasql.core.internal.commit;

import io.deltasql.core.UnsupportedProtocolException;
import io.deltasql.core.protocol.Protocol;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Delta protocol versions and table features deltasql can keep a log for, on two levels.
 * Reading (import, serving, time travel) needs only the reader's side: protocol versions up to
 * reader 3 / writer 7 and known reader features — a writer feature only constrains writers, so
 * any is readable, as in every Delta reader. Committing also needs every writer feature to be one
 * deltasql writes by its rules; a table with another one is served but read-only.
 */
public final class ProtocolSupport {
    public static final int MAX_READER_VERSION = 3;
    public static final int MAX_WRITER_VERSION = 7;

    /** The reader features deltasql reads: every reader-writer feature it knows ({@link TableFeature}). */
    static final Set<String> READER_FEATURES = Arrays.stream(TableFeature.values())
            .filter(TableFeature::readerWriter)
            .map(TableFeature::id)
            .collect(Collectors.toUnmodifiableSet());
    /** The writer features deltasql commits to: every feature it knows, whether or not it turns it on itself. */
    static final Set<String> WRITER_FEATURES =
            Arrays.stream(TableFeature.values()).map(TableFeature::id).collect(Collectors.toUnmodifiableSet());

    private ProtocolSupport() {}

    /** Refuses a protocol deltasql can neither read nor commit to (a commit's new protocol, a new table's). */
    public static void check(String table, Protocol p) {
        checkReadable(table, p);
        checkWritable(table, p);
    }

    /**
     * Refuses a protocol deltasql cannot read (import, serve, time-travel), naming the table and
     * what is unsupported: Delta Kernel refuses the same ones.
     */
    public static void checkReadable(String table, Protocol p) {
        if (p.minReaderVersion() < 1 || p.minWriterVersion() < 1) {
            throw new UnsupportedProtocolException(
                    "Delta table '" + table + "': protocol versions must be >= 1, got reader " + p.minReaderVersion()
                            + " / writer " + p.minWriterVersion());
        }
        if (p.minReaderVersion() > MAX_READER_VERSION || p.minWriterVersion() > MAX_WRITER_VERSION) {
            throw new UnsupportedProtocolException("Delta table '" + table + "' needs protocol reader "
                    + p.minReaderVersion()
                    + " / writer " + p.minWriterVersion() + "; deltasql supports up to reader " + MAX_READER_VERSION
                    + " / writer " + MAX_WRITER_VERSION);
        }
        List<String> unknown = unknown(p.readerFeatures(), READER_FEATURES);
        if (!unknown.isEmpty()) {
            throw new UnsupportedProtocolException("Delta table '" + table + "' uses reader feature(s) " + unknown
                    + " that deltasql does not support");
        }
    }

    /**
     * Refuses a commit to a table whose protocol (the head's, or the one a commit brings; null ones
     * are skipped) has writer features deltasql does not write: 0A000, naming the table and them.
     */
    public static void checkWritable(String table, Protocol... protocols) {
        for (Protocol p : protocols) {
            String reason = p == null ? null : readOnlyReason(p);
            if (reason != null) {
                throw new UnsupportedProtocolException("Delta table '" + table + "' " + reason);
            }
        }
    }

    /** Why deltasql can read but not commit to a table with protocol {@code p}; null when it can commit. */
    public static String readOnlyReason(Protocol p) {
        List<String> unknown = unknown(p.writerFeatures(), WRITER_FEATURES);
        return unknown.isEmpty()
                ? null
                : "uses writer feature(s) " + unknown
                        + " that deltasql does not write; it can be read but not committed to";
    }

    private static List<String> unknown(List<String> features, Set<String> known) {
        return features == null
                ? List.of()
                : features.stream().filter(f -> !known.contains(f)).toList();
    }
}
