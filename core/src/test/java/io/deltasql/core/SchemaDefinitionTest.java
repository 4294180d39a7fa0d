package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema rules for a new table that the generated schemas do not reach: partition columns,
 * field metadata values, the shape of type objects, spellings of type names. Each refusal is
 * 22023 naming the field and leaves the catalog as it was; each acceptance creates the table.
 */
class SchemaDefinitionTest {
    private static String field(String name, String typeJson) {
        return field(name, typeJson, "{}");
    }

    private static String field(String name, String typeJson, String metadata) {
        return "{\"name\":\"" + name + "\",\"type\":" + typeJson + ",\"nullable\":true,\"metadata\":" + metadata + "}";
    }

    private static String schema(String... fields) {
        return "{\"type\":\"struct\",\"fields\":[" + String.join(",", fields) + "]}";
    }

    private static final String NESTED =
            field("s", "{\"type\":\"struct\",\"fields\":[" + field("b", "\"long\"") + "]}");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void refusedDefinitionsNameTheFieldAndChangeNothing(CatalogTarget target) {
        Map<CreateTableRequest, String> refused = new LinkedHashMap<>();
        refused.put(
                request(schema(field("id", "\"long\""), NESTED), "s.b"),
                "partition column 's.b' is not a column of the schema");
        refused.put(
                request(schema(field("id", "\"long\""), NESTED), "s"),
                "partition column 's' must have a primitive type");
        refused.put(
                request(schema(field("id", "\"long\""), field("v", "\"variant\"")), "v"),
                "partition column 'v' has type variant");
        refused.put(
                new CreateTableRequest(
                        "bad",
                        Fixtures.location("bad"),
                        schema(field("id", "\"long\"")),
                        List.of("id", "ID"),
                        Map.of()),
                "partition column 'ID' is listed twice");
        refused.put(request(schema(field("id", "\"STRING\""))), "field 'id': unknown type \"STRING\"");
        refused.put(
                request(schema(field("id", "\"decimal(5,-1)\""))),
                "field 'id': type \"decimal(5,-1)\": the scale must be 0 to the precision (5)");
        refused.put(
                request(schema(field("id", "\"decimal(99999999999999999999,1)\""))), "the precision must be 1 to 38");
        refused.put(
                request(schema(field("id", "42"))),
                "field 'id': the type must be a type name or a JSON object, not 42");
        refused.put(
                request(schema(field("id", "{\"type\":\"list\",\"elementType\":\"long\"}"))),
                "field 'id': a type object's \"type\" must be \"struct\", \"array\" or \"map\", not \"list\"");
        refused.put(request(schema(field("s", "{\"type\":\"struct\"}"))), "field 's': a struct type needs \"fields\"");
        refused.put(
                request(schema(field("a", "{\"type\":\"array\",\"elementType\":\"long\",\"containsNull\":\"yes\"}"))),
                "field 'a': \"containsNull\" must be true or false");
        refused.put(
                request(schema(field("m", "{\"type\":\"map\",\"keyType\":\"string\",\"valueContainsNull\":true}"))),
                "field 'm': a map type needs \"valueType\"");
        refused.put(
                request(schema(field("id", "\"long\"", "{\"ids\":[1,\"two\"]}"))),
                "field 'id': metadata.ids must be an array of only whole numbers, numbers, booleans, strings or objects");
        refused.put(
                request(schema(field("id", "\"long\"", "{\"ids\":[[1]]}"))),
                "field 'id': metadata.ids must be an array");
        refused.put(
                request(schema(field("id", "\"long\"", "{\"big\":123456789012345678901234567890}"))),
                "field 'id': metadata.big is 123456789012345678901234567890");
        refused.put(
                request(schema(field("id", "\"long\"", "{\"owner\":{\"team\":null}}"))),
                "field 'id': metadata.owner.team is null");
        refused.put(
                request(schema(field("id", "\"long\""))
                        .replace("{\"type\":\"struct\",", "{\"type\":\"struct\",\"extra\":1,")),
                "unexpected key \"extra\" in a struct type");
        refused.put(
                request("{\"type\":\"struct\",\"fields\":[\"id\"]}"), "field #1 of the schema must be a JSON object");
        refused.put(request(schema(field("", "\"long\""))), "field #1 of the schema has no name");
        refused.put(request(schema()), "the schema has no fields; a Delta table needs at least one column");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            String before = CatalogDump.of(db.jdbcUrl());
            for (Map.Entry<CreateTableRequest, String> e : refused.entrySet()) {
                assertThatThrownBy(() -> catalog.createTable(e.getKey()))
                        .as(e.getKey().schemaString())
                        .isInstanceOfSatisfying(InvalidRequestException.class, x -> {
                            assertThat(x.sqlState()).isEqualTo("22023");
                            assertThat(x.getMessage())
                                    .startsWith("Delta table 'bad': invalid schema: ")
                                    .contains(e.getValue());
                        });
            }
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void acceptedDefinitions(CatalogTarget target) {
        List<CreateTableRequest> accepted = List.of(
                request(
                        schema(
                                field("day", "\"date\""),
                                field("at", "\"timestamp_ntz\""),
                                field("amount", "\"decimal(38,0)\""),
                                field("raw", "\"binary\"")),
                        "day",
                        "at",
                        "amount",
                        "raw"),
                request(
                        schema(
                                field("a", "\"decimal( 7 ,\\t3 )\""),
                                field("b", "\"decimal\""),
                                field(
                                        "c",
                                        "\"long\"",
                                        "{\"delta.columnMapping.id\":3,\"delta.columnMapping.physicalName\":\"col-3\",\"comment\":\"x\","
                                                + "\"weights\":[0.5,1.5],\"flags\":[true],\"empty\":[],\"parts\":[{\"k\":1}]}"))),
                request(schema("{\"name\":\"no metadata\",\"type\":\"string\",\"nullable\":false}")));
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            int i = 0;
            for (CreateTableRequest r : accepted) {
                String name = "ok" + i++;
                catalog.createTable(new CreateTableRequest(
                        name, Fixtures.location(name), r.schemaString(), r.partitionColumns(), Map.of()));
                assertThat(catalog.snapshot(name).metadata().schemaString()).isEqualTo(r.schemaString());
            }
        }
    }

    private static CreateTableRequest request(String schema, String... partitionColumns) {
        return new CreateTableRequest("bad", Fixtures.location("bad"), schema, List.of(partitionColumns), Map.of());
    }
}
