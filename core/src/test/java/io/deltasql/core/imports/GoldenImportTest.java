package io.deltasql.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.GoldenTables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Delta golden table, imported: at every version Delta Kernel reconstructs (expected.json),
 * deltasql's snapshot has the same protocol, metadata and active files; tables Kernel refuses are
 * refused with the catalog unchanged.
 */
class GoldenImportTest {

    static Stream<String> tables() throws IOException {
        Path root = GoldenTables.requireRoot();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs
                    .filter(p -> Files.isRegularFile(p.resolve("expected.json")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void importMatchesKernel(String tableName) throws Exception {
        Path table = GoldenTables.requireRoot().resolve(tableName);
        JsonNode expected =
                ActionCodec.mapper().readTree(table.resolve("expected.json").toFile());
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogImporter importer = new DeltaLogImporter(catalog);
            if (expected.hasNonNull("error")) {
                String before = CatalogDump.of(db.jdbcUrl());
                assertThatThrownBy(() -> importer.importTable(table, "t", ImportProgress.NONE))
                        .isInstanceOf(DeltaSqlException.class)
                        .hasMessageContaining(table.getFileName().toString());
                assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
                return;
            }
            List<String> problems = new ArrayList<>();
            try {
                importer.importTable(table, "t", ImportProgress.NONE);
                compare(catalog, table, expected, problems);
            } catch (RuntimeException e) {
                problems.add("import failed: " + e);
            }
            assertThat(problems).isEmpty();
        }
    }

    static void compare(DeltaCatalog catalog, Path table, JsonNode expected, List<String> problems) throws IOException {
        Iterator<Map.Entry<String, JsonNode>> versions =
                expected.path("versions").fields();
        while (versions.hasNext()) {
            Map.Entry<String, JsonNode> e = versions.next();
            JsonNode want = e.getValue();
            if (want.hasNonNull("error")) {
                continue;
            }
            long v = Long.parseLong(e.getKey());
            Snapshot s;
            try {
                s = catalog.snapshotAt("t", v);
            } catch (RuntimeException ex) {
                problems.add("v" + v + ": " + ex.getMessage());
                continue;
            }
            check(
                    problems,
                    v,
                    "minReaderVersion",
                    want.path("minReaderVersion").asInt(),
                    s.protocol().minReaderVersion());
            check(
                    problems,
                    v,
                    "minWriterVersion",
                    want.path("minWriterVersion").asInt(),
                    s.protocol().minWriterVersion());
            check(
                    problems,
                    v,
                    "metadataId",
                    want.path("metadataId").asText(),
                    s.metadata().id());
            check(
                    problems,
                    v,
                    "partitionColumns",
                    strings(want.path("partitionColumns")),
                    s.metadata().partitionColumns());
            check(
                    problems,
                    v,
                    "schema",
                    canonicalSchema(want.path("schema").asText()),
                    canonicalSchema(s.metadata().schemaString()));
            check(
                    problems,
                    v,
                    "configuration",
                    new TreeMap<>(ActionCodec.mapper().convertValue(want.path("configuration"), Map.class)),
                    new TreeMap<>(s.metadata().configuration()));
            List<String> wantFiles = new ArrayList<>();
            for (JsonNode f : want.path("files")) {
                wantFiles.add(f.path("path").asText() + " " + f.path("size").asLong() + " "
                        + new TreeMap<>(ActionCodec.mapper().convertValue(f.path("partitionValues"), Map.class)) + " "
                        + f.path("hasDeletionVector").asBoolean());
            }
            List<String> ours = new ArrayList<>();
            for (AddFile f : s.files()) {
                ours.add(resolve(f.path(), table) + " " + f.size() + " " + new TreeMap<>(f.partitionValues()) + " "
                        + (f.deletionVector() != null));
            }
            wantFiles.sort(null);
            ours.sort(null);
            check(problems, v, "files", wantFiles, ours);
        }
    }

    /**
     * The schema as JSON, with collation identifiers in one case: deltasql keeps the log's schema
     * string ({@code spark.UTF8_LCASE}), Kernel serialises the provider upper-cased
     * ({@code SPARK.UTF8_LCASE}); collation names are case-insensitive.
     */
    static JsonNode canonicalSchema(String schemaString) throws IOException {
        JsonNode schema = ActionCodec.mapper().readTree(schemaString);
        for (JsonNode collations : schema.findValues("__COLLATIONS")) {
            if (collations instanceof ObjectNode o) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    o.put(k, o.get(k).asText().toUpperCase(Locale.ROOT));
                }
            }
        }
        return schema;
    }

    /** The path as Kernel resolves it: percent-decoded, relative to the table root when inside it. */
    static String resolve(String raw, Path table) {
        String decoded;
        try {
            URI uri = new URI(raw);
            decoded = uri.getScheme() == null ? uri.getPath() : uri.getScheme() + ":" + uri.getSchemeSpecificPart();
        } catch (Exception e) {
            decoded = raw;
        }
        String root = table.toAbsolutePath().toString();
        for (String prefix : Set.of("file://" + root + "/", "file:" + root + "/", root + "/")) {
            if (decoded.startsWith(prefix)) {
                return decoded.substring(prefix.length());
            }
        }
        return decoded;
    }

    private static List<String> strings(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }

    private static void check(List<String> problems, long v, String what, Object want, Object got) {
        if (!want.equals(got)) {
            problems.add("v" + v + " " + what + ": expected " + want + ", got " + got);
        }
    }
}
