package io.deltasql.tests.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Malformed {@code _delta_log}s that import must refuse, by name: each a list of commit files
 * (version i is element i; null leaves a gap), plus a valid log to import under hostile names.
 */
final class MalformedLogs {
    static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";
    static final String SCHEMA_JSON = quoted(Fixtures.SCHEMA);
    static final String METADATA =
            "{\"metaData\":{\"id\":\"6b4c2a1e-0000-4000-8000-000000000001\",\"format\":{\"provider\":\"parquet\","
                    + "\"options\":{}},\"schemaString\":" + SCHEMA_JSON
                    + ",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1}}";
    /** A valid version 0. */
    static final String V0 = PROTOCOL + "\n" + METADATA + "\n";

    private MalformedLogs() {}

    static Map<String, List<String>> cases() {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("garbage", List.of("not json at all\n"));
        cases.put("truncated", List.of("{\"protocol\":{\"minReaderVersion\":1,\n"));
        cases.put(
                "wrong-types",
                List.of("{\"protocol\":{\"minReaderVersion\":\"one\",\"minWriterVersion\":2}}\n" + METADATA + "\n"));
        cases.put("no-protocol", List.of(METADATA + "\n"));
        cases.put("schema-not-json", List.of(PROTOCOL + "\n" + METADATA.replace(SCHEMA_JSON, "\"{oops\"") + "\n"));
        cases.put("add-path-number", List.of(V0 + "{\"add\":{\"path\":5,\"size\":\"x\",\"dataChange\":true}}\n"));
        cases.put(
                "add-without-path",
                List.of(
                        V0
                                + "{\"add\":{\"size\":1,\"partitionValues\":{},\"modificationTime\":1,\"dataChange\":true}}\n"));
        cases.put("deep-nesting", List.of(V0 + "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n"));
        cases.put("bad-second-version", List.of(V0, "{\"add\":{\"path\":\"a\",\n"));
        cases.put(
                "gap",
                Arrays.asList(
                        V0,
                        null,
                        "{\"add\":{\"path\":\"a\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true}}\n"));
        cases.put("array-line", List.of("[1,2,3]\n" + V0));
        // Values beyond the catalog's limits (CatalogLimit): refused whole, nothing imported.
        cases.put(
                "oversize-property-value",
                List.of(PROTOCOL + "\n"
                        + METADATA.replace(
                                "\"configuration\":{}",
                                "\"configuration\":{\"big\":\"" + "v".repeat(21_000_000) + "\"}")
                        + "\n"));
        cases.put(
                "oversize-property-key",
                List.of(PROTOCOL + "\n"
                        + METADATA.replace(
                                "\"configuration\":{}", "\"configuration\":{\"" + "k".repeat(70_000) + "\":\"v\"}")
                        + "\n"));
        String add =
                "{\"add\":{\"path\":\"p\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true";
        cases.put("oversize-stats", List.of(V0 + add + ",\"stats\":\"" + "s".repeat(1_100_000) + "\"}}\n"));
        cases.put("oversize-tags", List.of(V0 + add + ",\"tags\":{\"t\":\"" + "t".repeat(70_000) + "\"}}}\n"));
        cases.put("oversize-path", List.of(V0 + add.replace("\"p\"", "\"" + "p".repeat(40_000) + "\"") + "}}\n"));
        cases.put("oversize-operation", List.of(V0 + "{\"commitInfo\":{\"operation\":\"" + "o".repeat(300) + "\"}}\n"));
        cases.put(
                "future-protocol",
                List.of("{\"protocol\":{\"minReaderVersion\":99,\"minWriterVersion\":99}}\n" + METADATA + "\n"));
        return cases;
    }

    /** Writes {@code commits} as the {@code _delta_log} of table directory {@code table}; returns {@code table}. */
    static Path write(Path table, List<String> commits) throws IOException {
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        for (int v = 0; v < commits.size(); v++) {
            if (commits.get(v) != null) {
                Files.writeString(log.resolve(String.format("%020d.json", v)), commits.get(v), StandardCharsets.UTF_8);
            }
        }
        return table;
    }

    /** Every file under the table's {@code _delta_log} with its content: equal before and after means untouched. */
    static Map<String, String> contents(Path table) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(table.resolve("_delta_log"))) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(table.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String quoted(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
