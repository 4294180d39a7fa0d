package io.deltasql.core.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.Table;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.VariantType;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.TableInfo;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.SchemaGenerator;
import io.deltasql.core.testing.SchemaMutations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schemas generated from a seed: every one deltasql accepts is created, mirrored, and read by
 * Delta Kernel with exactly the schema given; every mutant (a bad type name, a decimal out of
 * bounds, a missing key, a duplicate name, …) is refused with SQLState 22023 naming the field,
 * and leaves neither a catalog row nor a {@code _delta_log} behind.
 */
class GeneratedSchemaTest {
    private static final long SEED = 16_009L;
    private static final int RANDOM_SCHEMAS = 30;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void kernelReadsEveryAcceptedSchemaAndEveryMutantIsRefused(CatalogTarget target, @TempDir Path dir)
            throws Exception {
        SchemaGenerator generator = new SchemaGenerator(SEED);
        List<SchemaGenerator.Schema> schemas = new ArrayList<>();
        schemas.add(generator.everyPrimitive());
        for (int i = 0; i < RANDOM_SCHEMAS; i++) {
            schemas.add(generator.next());
        }
        String all = String.join(
                "\n", schemas.stream().map(SchemaGenerator.Schema::schemaString).toList());
        assertThat(all)
                .as("the generated schemas reach every shape")
                .contains("\"elementType\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":{\"type\":\"struct\"")
                .contains("\"elementType\":{\"type\":\"array\"", "\"valueType\":{\"type\":\"array\"")
                .contains("\"nullable\":false", "\"containsNull\":false", "\"valueContainsNull\":false")
                .contains(
                        "\"parts\":[", "\"delta.columnMapping.id\"", "\"metadata\":{}", "with space", "名前", "emoji 😀")
                .contains("\"decimal(38,38)\"", "\"decimal(1,0)\"", "\"variant\"", "\"timestamp_ntz\"");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            for (int i = 0; i < schemas.size(); i++) {
                catalog.createTable(new CreateTableRequest(
                        "t" + i, dir.resolve("t" + i).toString(), schemas.get(i).schemaString(), List.of(), Map.of()));
            }
            mirror.awaitIdle();

            Engine engine = KernelOracle.engine();
            for (int i = 0; i < schemas.size(); i++) {
                Path location = dir.resolve("t" + i);
                assertThat(MirrorTables.commitFile(location, 0))
                        .as("mirrored t%d", i)
                        .exists();
                assertThat(Table.forPath(engine, location.toString())
                                .getLatestSnapshot(engine)
                                .getSchema())
                        .as(
                                "Kernel's schema of t%d (seed %d): %s",
                                i, SEED, schemas.get(i).schemaString())
                        .isEqualTo(schemas.get(i).kernel());
                KernelOracle.View view = KernelOracle.read(engine, location, 0);
                assertThat(view)
                        .as("Kernel's snapshot of t%d", i)
                        .isEqualTo(KernelOracle.of(catalog.snapshot("t" + i)));
                Set<String> needed = typeFeatures(schemas.get(i).kernel(), new TreeSet<>());
                assertThat(view.readerFeatures())
                        .as("reader features of t%d", i)
                        .isEqualTo(needed);
                // Delta names the features of the legacy protocol (1, 2) it upgrades from.
                Set<String> writer = new TreeSet<>(needed);
                if (!needed.isEmpty()) {
                    writer.addAll(Set.of("appendOnly", "invariants"));
                }
                assertThat(view.writerFeatures())
                        .as("writer features of t%d", i)
                        .isEqualTo(writer);
                assertThat(view.minReaderVersion())
                        .as("reader version of t%d", i)
                        .isEqualTo(needed.isEmpty() ? 1 : 3);
            }

            String before = CatalogDump.of(db.jdbcUrl());
            SchemaMutations mutations = new SchemaMutations(SEED);
            int n = 0;
            for (SchemaGenerator.Schema schema : schemas) {
                for (SchemaMutations.Mutant mutant : mutations.of(schema.tree())) {
                    String name = "bad" + n++;
                    Path location = dir.resolve(name);
                    assertThatThrownBy(() -> catalog.createTable(new CreateTableRequest(
                                    name, location.toString(), mutant.schemaString(), List.of(), Map.of())))
                            .as("%s: %s", mutant.kind(), mutant.schemaString())
                            .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                                assertThat(e.sqlState()).isEqualTo("22023");
                                assertThat(e.getMessage())
                                        .startsWith("Delta table '" + name + "': invalid schema: ")
                                        .contains(mutant.expected());
                            });
                    assertThat(location.resolve("_delta_log"))
                            .as("no log for %s", name)
                            .doesNotExist();
                }
            }
            mirror.awaitIdle();
            assertThat(n).isGreaterThan(RANDOM_SCHEMAS * 15);
            assertThat(catalog.listTables()).extracting(TableInfo::name).noneMatch(t -> t.startsWith("bad"));
            assertThat(CatalogDump.of(db.jdbcUrl()))
                    .as("catalog unchanged by the refused schemas")
                    .isEqualTo(before);
        }
    }

    /** The table features PROTOCOL.md requires for the types in {@code type}: timestampNtz, variantType. */
    private static Set<String> typeFeatures(DataType type, Set<String> into) {
        if (type instanceof TimestampNTZType) {
            into.add("timestampNtz");
        } else if (type instanceof VariantType) {
            into.add("variantType");
        } else if (type instanceof StructType struct) {
            struct.fields().forEach(f -> typeFeatures(f.getDataType(), into));
        } else if (type instanceof ArrayType array) {
            typeFeatures(array.getElementType(), into);
        } else if (type instanceof MapType map) {
            typeFeatures(map.getKeyType(), into);
            typeFeatures(map.getValueType(), into);
        }
        return into;
    }
}
