package io.deltasql.core.commit;

import io.deltasql.core.UnsupportedProtocolException;
import io.deltasql.core.protocol.Protocol;
import java.util.List;
import java.util.Set;

/**
 * The Delta protocol versions and table features deltasql can keep a log for. deltasql stores
 * and serves the log without reading data, so it honours every feature whose rules concern the
 * log itself; a newer version or an unknown feature is refused rather than silently mishandled.
 */
public final class ProtocolSupport {
    public static final int MAX_READER_VERSION = 3;
    public static final int MAX_WRITER_VERSION = 7;

    static final Set<String> READER_FEATURES = Set.of("columnMapping", "deletionVectors", "timestampNtz",
            "v2Checkpoint", "vacuumProtocolCheck", "typeWidening", "typeWidening-preview", "variantType",
            "variantType-preview", "variantShredding-preview", "collations", "collations-preview");
    static final Set<String> WRITER_FEATURES = Set.of("appendOnly", "invariants", "checkConstraints", "changeDataFeed",
            "generatedColumns", "columnMapping", "identityColumns", "deletionVectors", "rowTracking", "timestampNtz",
            "domainMetadata", "v2Checkpoint", "icebergCompatV1", "icebergCompatV2", "clustering", "vacuumProtocolCheck",
            "inCommitTimestamp", "typeWidening", "typeWidening-preview", "variantType", "variantType-preview",
            "variantShredding-preview", "allowColumnDefaults", "collations", "collations-preview");

    private ProtocolSupport() {
    }

    /** Refuses a protocol this deltasql cannot honour, naming the table and what is unsupported. */
    public static void check(String table, Protocol p) {
        if (p.minReaderVersion() < 1 || p.minWriterVersion() < 1) {
            throw new UnsupportedProtocolException("Delta table '" + table + "': protocol versions must be >= 1, got reader "
                    + p.minReaderVersion() + " / writer " + p.minWriterVersion());
        }
        if (p.minReaderVersion() > MAX_READER_VERSION || p.minWriterVersion() > MAX_WRITER_VERSION) {
            throw new UnsupportedProtocolException("Delta table '" + table + "' needs protocol reader " + p.minReaderVersion()
                    + " / writer " + p.minWriterVersion() + "; deltasql supports up to reader " + MAX_READER_VERSION
                    + " / writer " + MAX_WRITER_VERSION);
        }
        unknown(table, "reader", p.readerFeatures(), READER_FEATURES);
        unknown(table, "writer", p.writerFeatures(), WRITER_FEATURES);
    }

    private static void unknown(String table, String kind, List<String> features, Set<String> known) {
        if (features == null) {
            return;
        }
        List<String> unknown = features.stream().filter(f -> !known.contains(f)).toList();
        if (!unknown.isEmpty()) {
            throw new UnsupportedProtocolException("Delta table '" + table + "' uses " + kind + " feature(s) " + unknown
                    + " that deltasql does not support");
        }
    }
}
