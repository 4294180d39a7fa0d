package io.deltasql.core.internal.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The catalog's side: a {@link Snapshot} as a {@link TableState}. */
public final class CatalogStates {
    private CatalogStates() {}

    public static TableState of(Snapshot s) {
        Protocol p = s.protocol();
        Metadata m = s.metadata();
        Map<String, TableState.FileState> files = new LinkedHashMap<>();
        try (CloseableIterator<AddFile> it = s.streamFiles()) {
            while (it.hasNext()) {
                AddFile a = it.next();
                TableState.put(
                        files,
                        new TableState.FileState(
                                a.path(), a.size(), new HashMap<>(a.partitionValues()), a.dvUniqueId()));
            }
        }
        return new TableState(
                s.version(),
                p.minReaderVersion(),
                p.minWriterVersion(),
                features(p.readerFeatures()),
                features(p.writerFeatures()),
                m.id(),
                parseSchema(m.schemaString()),
                List.copyOf(m.partitionColumns()),
                new HashMap<>(m.configuration()),
                files);
    }

    static Set<String> features(Collection<String> features) {
        return features == null ? Set.of() : new TreeSet<>(features);
    }

    /** The schema as JSON, so formatting and field order inside objects do not count; unparsable text is kept as a string. */
    static JsonNode parseSchema(String schemaString) {
        if (schemaString == null) {
            return ActionCodec.mapper().nullNode();
        }
        try {
            return ActionCodec.mapper().readTree(schemaString);
        } catch (JsonProcessingException e) {
            return ActionCodec.mapper().getNodeFactory().textNode(schemaString);
        }
    }
}
