package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.withConfiguration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.delta.kernel.Table;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A commit whose metaData brings a new schema gets the same check as a new table's: a type Delta
 * does not define is refused with 22023 naming the field, nothing committed or mirrored; a valid
 * new schema lands and Kernel reads it. An imported table keeps the schema it came with: a
 * property change that carries it over unchanged is not judged by the rules for new schemas.
 */
class SchemaChangeCommitTest {
    private static final String FIELD = "{\"name\":\"%s\",\"type\":%s,\"nullable\":true,\"metadata\":{}}";

    private static String withField(String schemaString, String name, String typeJson) {
        return schemaString.substring(0, schemaString.length() - 2) + "," + String.format(FIELD, name, typeJson) + "]}";
    }

    private static Metadata withSchema(Metadata m, String schemaString) {
        return new Metadata(
                m.id(),
                m.name(),
                m.description(),
                m.format(),
                schemaString,
                m.partitionColumns(),
                m.configuration(),
                m.createdTime(),
                m.extra());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aNewSchemaInACommitIsCheckedLikeANewTable(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("t");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest("t", location.toString(), Fixtures.SCHEMA));
            mirror.awaitIdle();
            Metadata m = catalog.snapshot("t").metadata();
            String before = CatalogDump.of(db.jdbcUrl());
            Map<String, String> refused = Map.of(
                    withField(Fixtures.SCHEMA, "amount", "\"lng\""),
                    "field 'amount': unknown type \"lng\"",
                    withField(Fixtures.SCHEMA, "price", "\"decimal(40,2)\""),
                    "field 'price': type \"decimal(40,2)\": the precision",
                    withField(
                            Fixtures.SCHEMA,
                            "tags",
                            "{\"type\":\"array\",\"elementType\":\"lng\",\"containsNull\":true}"),
                    "field 'tags.element': unknown type \"lng\"",
                    withField(Fixtures.SCHEMA, "ID", "\"long\""),
                    "field 'ID' appears twice");
            for (Map.Entry<String, String> e : refused.entrySet()) {
                assertThatThrownBy(() -> commit(catalog, "t", withSchema(m, e.getKey())))
                        .isInstanceOfSatisfying(InvalidRequestException.class, x -> {
                            assertThat(x.sqlState()).isEqualTo("22023");
                            assertThat(x.getMessage())
                                    .startsWith("Delta table 't'")
                                    .contains("invalid schema: ")
                                    .contains(e.getValue());
                        });
            }
            mirror.awaitIdle();
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(MirrorTables.commitFile(location, 1)).doesNotExist();

            String widened = withField(Fixtures.SCHEMA, "ratio", "\"decimal( 38 , 38 )\"");
            commit(catalog, "t", withSchema(m, widened));

            // A timestamp_ntz column needs the timestampNtz feature: the commit that adds it adds the feature, as Delta
            // does.
            String local = withField(
                    widened, "at", "{\"type\":\"array\",\"elementType\":\"timestamp_ntz\",\"containsNull\":true}");
            commit(catalog, "t", withSchema(m, local));
            Protocol upgraded = catalog.snapshot("t").protocol();
            assertThat(upgraded.minReaderVersion()).isEqualTo(3);
            assertThat(upgraded.readerFeatures()).containsExactly("timestampNtz");
            assertThat(upgraded.writerFeatures()).containsExactlyInAnyOrder("timestampNtz", "appendOnly", "invariants");
            assertThat(catalog.actions("t", 2).stream().map(a -> a.kind()).toList())
                    .containsExactly("commitInfo", "protocol", "metaData");

            mirror.awaitIdle();
            Engine engine = KernelOracle.engine();
            StructType read = Table.forPath(engine, location.toString())
                    .getLatestSnapshot(engine)
                    .getSchema();
            assertThat(read.get("ratio").getDataType()).isEqualTo(new DecimalType(38, 38));
            assertThat(read.get("at").getDataType()).isEqualTo(new ArrayType(TimestampNTZType.TIMESTAMP_NTZ, true));
            MirrorTables.assertKernelAgreesAtEveryVersion(catalog, "t", location);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void anImportedSchemaIsKeptAsItIsButNotExtendedOutsideDelta(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        // Old Spark tables can hold void columns: Delta's rules for new schemas refuse them, import does not.
        String legacy = "{\"type\":\"struct\",\"fields\":[" + String.format(FIELD, "id", "\"long\"") + ","
                + String.format(FIELD, "dropped", "\"void\"") + "]}";
        Path table = dir.resolve("legacy");
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(
                log.resolve(String.format("%020d.json", 0)),
                "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
                        + "{\"metaData\":{\"id\":\"11111111-2222-3333-4444-555555555555\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                        + "\"schemaString\":" + TextNode.valueOf(legacy)
                        + ",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1}}\n");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, "legacy", ImportProgress.NONE);
            commit(catalog, "legacy", withConfiguration(catalog, "legacy", Map.of("owner", "data-eng")));
            assertThat(catalog.snapshot("legacy").metadata().schemaString()).isEqualTo(legacy);

            Metadata m = catalog.snapshot("legacy").metadata();
            String before = CatalogDump.of(db.jdbcUrl());
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("legacy", 1)
                            .add(withSchema(m, withField(legacy, "added", "\"string\"")))
                            .build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, x -> {
                        assertThat(x.sqlState()).isEqualTo("22023");
                        assertThat(x.getMessage())
                                .contains("Delta table 'legacy', commit at read version 1: invalid schema: ")
                                .contains("field 'dropped': type \"void\"");
                    });
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(catalog.table("legacy").headVersion()).isEqualTo(1);
            assertThat(List.of(catalog.snapshot("legacy")
                            .metadata()
                            .configuration()
                            .get("owner")))
                    .containsExactly("data-eng");
        }
    }
}
