package io.deltasql.tests.readers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A one-commit Delta table written by the test itself, for what deltasql does not (or not yet) write. */
final class HandWrittenLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA =
            "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}";

    private HandWrittenLog() {}

    /** Writes version 0: a commitInfo, then the given actions (each a map of one action name to its fields). */
    @SafeVarargs
    static Path write(Path table, Map<String, Object>... actions) throws IOException {
        StringBuilder lines = new StringBuilder(JSON.writeValueAsString(
                        Map.of("commitInfo", Map.of("timestamp", 1_700_000_000_000L, "operation", "CREATE TABLE"))))
                .append('\n');
        for (Map<String, Object> action : actions) {
            lines.append(JSON.writeValueAsString(action)).append('\n');
        }
        Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(table.resolve("_delta_log/00000000000000000000.json"), lines);
        return table;
    }

    /** A metaData action of a table with one long column and the given configuration. */
    static Map<String, Object> metadata(Map<String, String> configuration) {
        return Map.of(
                "id",
                "6b0c6c4e-4b8e-4f57-9a0e-6f1c2b1f0d11",
                "format",
                Map.of("provider", "parquet", "options", Map.of()),
                "schemaString",
                SCHEMA,
                "partitionColumns",
                List.of(),
                "configuration",
                configuration,
                "createdTime",
                1_700_000_000_000L);
    }
}
