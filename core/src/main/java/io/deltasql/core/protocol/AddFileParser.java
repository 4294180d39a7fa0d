package io.deltasql.core.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code add} lines of snapshot loading, the hot path of reading a table's files, with
 * Jackson's streaming parser instead of building a JSON tree per line. It handles the common shape
 * (path, partition values, size, time, dataChange, stats, tags, row-tracking fields, clustering
 * provider) and gives up on anything else — a deletion vector, an unknown or null field, a
 * fractional number — which {@link ActionCodec#parse} then reads, so both paths yield equal actions.
 */
final class AddFileParser {
    private AddFileParser() {
    }

    /** The add action of {@code line}, or null when it is not of the common shape. */
    static AddFile tryParse(String line) {
        try (JsonParser p = ActionCodec.mapper().getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"add".equals(p.currentName()) || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            AddFile add = readAdd(p);
            if (add == null || p.nextToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return add;
        } catch (IOException | RuntimeException unusual) {
            return null; // the tree parser reads it, or reports what is wrong with it
        }
    }

    private static AddFile readAdd(JsonParser p) throws IOException {
        String path = null;
        Map<String, String> partitionValues = null;
        Long size = null;
        long modificationTime = 0;
        boolean dataChange = true;
        String stats = null;
        Map<String, String> tags = null;
        Long baseRowId = null;
        Long defaultRowCommitVersion = null;
        String clusteringProvider = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "path" -> path = text(p, value);
                case "partitionValues" -> partitionValues = stringMap(p, value);
                case "size" -> size = integer(p, value);
                case "modificationTime" -> modificationTime = integer(p, value);
                case "dataChange" -> dataChange = bool(value);
                case "stats" -> stats = text(p, value);
                case "tags" -> tags = stringMap(p, value);
                case "baseRowId" -> baseRowId = integer(p, value);
                case "defaultRowCommitVersion" -> defaultRowCommitVersion = integer(p, value);
                case "clusteringProvider" -> clusteringProvider = text(p, value);
                default -> {
                    return null;
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || path == null || size == null) {
            return null;
        }
        return new AddFile(path, partitionValues, size, modificationTime, dataChange, stats, tags, null, baseRowId,
                defaultRowCommitVersion, clusteringProvider, null);
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new Unusual();
        }
        return p.getText();
    }

    private static long integer(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new Unusual();
        }
        return p.getLongValue();
    }

    private static boolean bool(JsonToken value) {
        if (value == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (value == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw new Unusual();
    }

    /** A JSON object of strings (nulls allowed as values, as partition values may be null). */
    private static Map<String, String> stringMap(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw new Unusual();
        }
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                map.put(key, null);
            } else if (v == JsonToken.VALUE_STRING) {
                map.put(key, p.getText());
            } else {
                throw new Unusual();
            }
        }
        return map;
    }

    /** Not the common shape: leave the line to the tree parser. */
    private static final class Unusual extends RuntimeException {
        Unusual() {
            super(null, null, false, false);
        }
    }
}
