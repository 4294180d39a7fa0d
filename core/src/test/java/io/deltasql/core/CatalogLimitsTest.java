package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.SetTransaction;
import io.deltasql.core.protocol.UnknownAction;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value that enters the catalog through the core API (a new table, a commit's request and
 * actions, an imported log) is refused beyond its {@link CatalogLimit} with SQLState 22023, a
 * message naming the limit and the size, and nothing written; a value at the limit is accepted.
 */
class CatalogLimitsTest {
    @TempDir
    Path dir;

    static String text(int length) {
        return "x".repeat(length);
    }

    private static void refused(CatalogTarget.TestCatalog db, Runnable write, CatalogLimit limit, int length) {
        String before = CatalogDump.of(db.jdbcUrl());
        assertThatThrownBy(write::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("22023");
            assertThat(e.getMessage())
                    .contains(limit.what() + " is " + length + " characters; the limit is " + limit.max());
        });
        assertThat(CatalogDump.of(db.jdbcUrl())).as("nothing written").isEqualTo(before);
    }

    private static CreateTableRequest table(
            String name,
            String location,
            String schema,
            List<String> partitionColumns,
            Map<String, String> properties,
            String description) {
        return new CreateTableRequest(name, location, schema, partitionColumns, properties, description);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void newTablesBeyondALimitAreRefused(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog db = target.create();
                DeltaCatalog catalog = db.open()) {
            String loc = Fixtures.location("limits");
            int over = CatalogLimit.PROPERTY_KEY.max() + 1;
            refused(
                    db,
                    () -> catalog.createTable(
                            table("t", loc, Fixtures.SCHEMA, List.of(), Map.of(text(70_000), "v"), null)),
                    CatalogLimit.PROPERTY_KEY,
                    70_000);
            refused(
                    db,
                    () -> catalog.createTable(
                            table("t", loc, Fixtures.SCHEMA, List.of(), Map.of(text(over), "v"), null)),
                    CatalogLimit.PROPERTY_KEY,
                    over);
            int value = CatalogLimit.PROPERTY_VALUE.max() + 1;
            refused(
                    db,
                    () -> catalog.createTable(
                            table("t", loc, Fixtures.SCHEMA, List.of(), Map.of("k", text(value)), null)),
                    CatalogLimit.PROPERTY_VALUE,
                    value);
            Map<String, String> many = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                many.put("k" + i, text(60_000));
            }
            refused(
                    db,
                    () -> catalog.createTable(table("t", loc, Fixtures.SCHEMA, List.of(), many, null)),
                    CatalogLimit.PROPERTIES_TOTAL,
                    5 * 60_002);
            refused(
                    db,
                    () -> catalog.createTable(table(text(256), loc, Fixtures.SCHEMA, List.of(), Map.of(), null)),
                    CatalogLimit.TABLE_NAME,
                    256);
            refused(
                    db,
                    () -> catalog.createTable(
                            table("t", loc + "/" + text(5_000), Fixtures.SCHEMA, List.of(), Map.of(), null)),
                    CatalogLimit.LOCATION,
                    loc.length() + 5_001);
            String wideSchema = Fixtures.SCHEMA.replace(
                    "\"metadata\":{}", "\"metadata\":{\"comment\":\"" + text(1_100_000) + "\"}");
            refused(
                    db,
                    () -> catalog.createTable(table("t", loc, wideSchema, List.of(), Map.of(), null)),
                    CatalogLimit.SCHEMA_STRING,
                    wideSchema.length());
            String longColumn = text(1_025);
            String schema = Fixtures.SCHEMA.replace("\"region\"", "\"" + longColumn + "\"");
            refused(
                    db,
                    () -> catalog.createTable(table("t", loc, schema, List.of(longColumn), Map.of(), null)),
                    CatalogLimit.PARTITION_COLUMN_NAME,
                    1_025);
            refused(
                    db,
                    () -> catalog.createTable(table("t", loc, Fixtures.SCHEMA, List.of(), Map.of(), text(65_537))),
                    CatalogLimit.DESCRIPTION,
                    65_537);
            assertThat(catalog.listTables()).isEmpty();

            // At the limits: accepted, and read back whole.
            catalog.createTable(table(
                    text(CatalogLimit.TABLE_NAME.max()),
                    loc,
                    Fixtures.SCHEMA,
                    List.of(),
                    Map.of(text(CatalogLimit.PROPERTY_KEY.max()), text(CatalogLimit.PROPERTY_VALUE.max())),
                    null));
            Metadata m = catalog.snapshot(text(CatalogLimit.TABLE_NAME.max())).metadata();
            assertThat(m.configuration().get(text(CatalogLimit.PROPERTY_KEY.max())))
                    .hasSize(CatalogLimit.PROPERTY_VALUE.max());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void commitsBeyondALimitAreRefused(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.partitioned("c"));
            Function<Action, Runnable> commit = a ->
                    () -> catalog.commit(CommitRequest.builder("c", 0).add(a).build());
            Map<String, String> hugeRegion = Map.of("region", text(65_531));
            refused(
                    db,
                    commit.apply(new AddFile("p1", hugeRegion, 1, 1, true, null)),
                    CatalogLimit.PARTITION_VALUES,
                    65_537);
            refused(
                    db,
                    commit.apply(new AddFile("p2", Map.of("region", "eu"), 1, 1, true, text(1_048_577))),
                    CatalogLimit.STATS,
                    1_048_577);
            refused(
                    db,
                    commit.apply(AddFile.builder()
                            .path("p3")
                            .partitionValues(Map.of("region", "eu"))
                            .size(1)
                            .modificationTime(1)
                            .tags(Map.of("t", text(70_000)))
                            .build()),
                    CatalogLimit.TAGS,
                    70_001);
            refused(
                    db,
                    commit.apply(new AddFile(text(32_769), Map.of("region", "eu"), 1, 1, true, null)),
                    CatalogLimit.FILE_PATH,
                    32_769);
            refused(
                    db,
                    commit.apply(AddFile.builder()
                            .path("p4")
                            .partitionValues(Map.of("region", "eu"))
                            .size(1)
                            .modificationTime(1)
                            .tags(Map.of())
                            .extra(Map.of("future", JsonNodeFactory.instance.textNode(text(70_000))))
                            .build()),
                    CatalogLimit.OTHER_FIELDS,
                    70_008);
            CommitInfo info = new CommitInfo(
                    null, text(257), null, null, null, null, null, null, null, null, null, null, null, Map.of());
            refused(db, commit.apply(info), CatalogLimit.OPERATION, 257);
            CommitInfo userMetadata = new CommitInfo(
                    null, "WRITE", null, null, null, null, null, null, null, null, text(65_537), null, null, Map.of());
            refused(db, commit.apply(userMetadata), CatalogLimit.USER_METADATA, 65_537);
            CommitInfo engine = new CommitInfo(
                    null,
                    "WRITE",
                    null,
                    null,
                    null,
                    text(4_200_000),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of());
            assertThatThrownBy(() -> catalog.commit(
                            CommitRequest.builder("c", 0).add(engine).build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("action as JSON is ");
            refused(db, commit.apply(new SetTransaction(text(257), 1, null, Map.of())), CatalogLimit.APP_ID, 257);
            refused(db, commit.apply(new DomainMetadata(text(257), "{}", false, Map.of())), CatalogLimit.DOMAIN, 257);
            refused(
                    db,
                    commit.apply(new UnknownAction(text(257), JsonNodeFactory.instance.objectNode())),
                    CatalogLimit.ACTION_KIND,
                    257);
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("c", 0)
                            .add(Fixtures.add("ok", "eu"))
                            .commitId(text(257))
                            .build()),
                    CatalogLimit.COMMIT_ID,
                    257);
            assertThat(catalog.snapshot("c").version()).isZero();
            // At the limits: accepted.
            String prefix = "{\"numRecords\":1,\"pad\":\"";
            String stats = prefix + text(CatalogLimit.STATS.max() - prefix.length() - 2) + "\"}";
            catalog.commit(CommitRequest.builder("c", 0)
                    .add(new AddFile(text(32_768), Map.of("region", text(65_530)), 1, 1, true, stats))
                    .build());
            assertThat(catalog.snapshot("c").numFiles()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void anImportedLogWithAnOversizedValueImportsNothing(CatalogTarget target) throws Exception {
        Path table = dir.resolve("imported-" + target.name());
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        String protocol = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";
        String metadata =
                "{\"metaData\":{\"id\":\"11111111-2222-3333-4444-555555555555\",\"format\":{\"provider\":\"parquet\","
                        + "\"options\":{}},\"schemaString\":" + TextNode.valueOf(Fixtures.SCHEMA)
                        + ",\"partitionColumns\":[],\"configuration\":{\"big\":\"" + text(70_000)
                        + "\"},\"createdTime\":1}}";
        Files.writeString(log.resolve(String.format("%020d.json", 0)), protocol + "\n" + metadata + "\n");
        try (CatalogTarget.TestCatalog db = target.create();
                DeltaCatalog catalog = db.open()) {
            String before = CatalogDump.of(db.jdbcUrl());
            assertThatThrownBy(() -> new DeltaLogImporter(catalog).importTable(table, "imported", ImportProgress.NONE))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("22023");
                        assertThat(e.getMessage())
                                .contains("version 0, line 2")
                                .contains("property value is 70000 characters; the limit is 65536");
                    });
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(catalog.listTables()).isEmpty();
        }
    }
}
