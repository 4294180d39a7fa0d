package io.deltasql.tests.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The test tables' rows: {@code id long, name string, p string}, partitioned by {@code p}; as the
 * JSON the UC client appends and as it reads them back.
 */
final class UcJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"p\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";
    static final List<String> PARTITIONS = List.of("p");

    private UcJson() {}

    /** A row of the test tables. */
    record Row(long id, String name, String p) {}

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code --rows} argument for these rows. */
    static String rowsJson(List<Row> rows) {
        ArrayNode array = JSON.createArrayNode();
        for (Row r : rows) {
            array.addObject().put("id", r.id()).put("name", r.name()).put("p", r.p());
        }
        return array.toString();
    }

    /** The rows of a {@code read} result, ordered by id then name. */
    static List<Row> rowsOf(UcClient.Result read) {
        read.version();
        List<Row> out = new ArrayList<>();
        for (JsonNode r : read.json().get("rows")) {
            out.add(new Row(
                    r.get("id").asLong(), r.get("name").asText(), r.get("p").asText()));
        }
        return sorted(out);
    }

    static List<Row> sorted(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        out.sort(Comparator.comparingLong(Row::id).thenComparing(Row::name).thenComparing(Row::p));
        return out;
    }

    /** {@code n} rows with ids from {@code firstId}, alternating partitions x and y. */
    static List<Row> rows(long firstId, int n, String name) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Row(firstId + i, name + "-" + i, i % 2 == 0 ? "x" : "y"));
        }
        return out;
    }
}
