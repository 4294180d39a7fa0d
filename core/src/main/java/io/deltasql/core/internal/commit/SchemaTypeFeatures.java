package io.deltasql.core.internal.commit;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The table features a schema's types need (PROTOCOL.md): {@code timestampNtz} for a
 * {@code timestamp_ntz} column and {@code variantType} for a {@code variant} column, at any depth.
 * Readers built on delta-kernel-rs (delta-rs, DuckDB) refuse a table that uses either type
 * without its feature.
 */
final class SchemaTypeFeatures {
    private static final List<String> NESTED_TYPE_KEYS = List.of("elementType", "keyType", "valueType");

    private SchemaTypeFeatures() {}

    /** The features, in a fixed order; empty for a schema that needs none. {@code schemaString} is a valid schema. */
    static List<String> of(String schemaString) {
        Set<String> features = new LinkedHashSet<>();
        try {
            collect(ActionCodec.mapper().readTree(schemaString), features);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a schema: " + e.getMessage(), e);
        }
        List<String> ordered = new ArrayList<>();
        for (String f : List.of("timestampNtz", "variantType")) {
            if (features.contains(f)) {
                ordered.add(f);
            }
        }
        return ordered;
    }

    /** The features {@code schemaString} needs that {@code protocol} does not list (as reader and writer feature). */
    static List<String> missing(String schemaString, Protocol protocol) {
        return of(schemaString).stream().filter(f -> !supports(protocol, f)).toList();
    }

    private static boolean supports(Protocol p, String feature) {
        // Tables written by Delta 3.x/4.0 previews carry the preview name of the variant feature.
        List<String> names =
                feature.equals("variantType") ? List.of("variantType", "variantType-preview") : List.of(feature);
        return names.stream().anyMatch(n -> p.supportsReaderFeature(n) && p.supportsWriterFeature(n));
    }

    /** Walks type positions only: field metadata may hold any JSON, including the word "variant". */
    private static void collect(JsonNode type, Set<String> features) {
        if (type.isTextual()) {
            if ("timestamp_ntz".equals(type.asText())) {
                features.add("timestampNtz");
            } else if ("variant".equals(type.asText())) {
                features.add("variantType");
            }
            return;
        }
        for (JsonNode field : type.path("fields")) {
            collect(field.path("type"), features);
        }
        for (String key : NESTED_TYPE_KEYS) {
            JsonNode nested = type.get(key);
            if (nested != null) {
                collect(nested, features);
            }
        }
    }
}
