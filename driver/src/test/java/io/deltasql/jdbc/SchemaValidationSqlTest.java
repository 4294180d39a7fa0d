package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code INSERT INTO delta.tables} with a schema Delta readers cannot read is refused with SQLState
 * 22023 naming the field, under autocommit and in a transaction, and creates nothing: no catalog
 * row, no directory, no {@code _delta_log}. A schema using Delta's full type range is accepted.
 */
class SchemaValidationSqlTest {
    @TempDir
    Path dir;

    private static String field(String name, String typeJson) {
        return "{\"name\":\"" + name + "\",\"type\":" + typeJson + ",\"nullable\":true,\"metadata\":{}}";
    }

    private static String schema(String... fields) {
        return "{\"type\":\"struct\",\"fields\":[" + String.join(",", fields) + "]}";
    }

    private String create(String name, String schema) {
        return "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('" + name + "', '"
                + dir.resolve(name) + "', '" + schema + "', '[]')";
    }

    private void refused(CatalogTarget.TestCatalog cat, Statement s, String name, String schema, String inMessage)
            throws SQLException {
        String before = CatalogDump.of(cat.jdbcUrl());
        assertThatThrownBy(() -> s.executeUpdate(create(name, schema)))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("22023");
                    assertThat(e.getMessage())
                            .contains("Delta table '" + name + "': invalid schema: ")
                            .contains(inMessage);
                });
        assertThat(CatalogDump.of(cat.jdbcUrl())).as("catalog unchanged").isEqualTo(before);
        assertThat(SqlTesting.count(s, "SELECT count(*) FROM delta.tables WHERE name = '" + name + "'"))
                .isZero();
        assertThat(dir.resolve(name)).as("nothing written for %s", name).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aSchemaDeltaCannotReadIsRefusedAndCreatesNothing(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            refused(
                    cat,
                    s,
                    "lng",
                    schema(field("id", "\"long\""), field("amount", "\"lng\"")),
                    "field 'amount': unknown type \"lng\"");
            refused(
                    cat,
                    s,
                    "wide",
                    schema(field("price", "\"decimal(40,2)\"")),
                    "field 'price': type \"decimal(40,2)\": the precision must be 1 to 38");
            refused(
                    cat,
                    s,
                    "nested",
                    schema(field(
                            "orders",
                            "{\"type\":\"array\",\"elementType\":{\"type\":\"struct\",\"fields\":["
                                    + field("qty", "\"lng\"") + "]},\"containsNull\":true}")),
                    "field 'orders.element.qty': unknown type \"lng\"");
            refused(cat, s, "twice", schema(field("id", "\"long\""), field("ID", "\"long\"")), "'ID' appears twice");

            // In a transaction the statement is refused at once, stages nothing, and the rest commits.
            c.setAutoCommit(false);
            s.executeUpdate(create("kept", schema(field("id", "\"long\""))));
            refused(
                    cat,
                    s,
                    "later",
                    schema(field(
                            "m",
                            "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"lng\","
                                    + "\"valueContainsNull\":true}")),
                    "field 'm.value': unknown type \"lng\"");
            c.commit();
            c.setAutoCommit(true);
            assertThat(SqlTesting.column(s, "SELECT name FROM delta.tables ORDER BY name"))
                    .containsExactly("kept");

            String full = schema(
                    field("ratio", "\"decimal(38,38)\""),
                    field("tiny", "\"decimal(1,0)\""),
                    field("local", "\"timestamp_ntz\""),
                    field("doc", "\"variant\""),
                    field(
                            "with space",
                            "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":{\"type\":\"array\","
                                    + "\"elementType\":\"decimal( 10 , 2 )\",\"containsNull\":false},\"valueContainsNull\":true}"));
            assertThat(s.executeUpdate(create("full", full))).isEqualTo(1);
            assertThat(SqlTesting.column(s, "SELECT schema_string FROM delta.tables WHERE name = 'full'"))
                    .containsExactly(full);
            // timestamp_ntz and variant columns need their table features (reader 3 / writer 7).
            assertThat(SqlTesting.rows(
                            s, "SELECT min_reader_version, min_writer_version FROM delta.tables WHERE name = 'full'"))
                    .containsExactly(List.of(3, 7));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aPropertyOfAnImportedTableChangesThoughItsSchemaHasAVoidColumn(CatalogTarget target) throws Exception {
        // Old Spark tables can hold void columns: Delta's rules for new schemas refuse them, not a property change.
        String legacy = schema(field("id", "\"long\""), field("dropped", "\"void\""));
        Path table = dir.resolve("legacy");
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(
                log.resolve(String.format("%020d.json", 0)),
                "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
                        + "{\"metaData\":{\"id\":\"11111111-2222-3333-4444-555555555555\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                        + "\"schemaString\":" + TextNode.valueOf(legacy) + ",\"partitionColumns\":[],"
                        + "\"configuration\":{},\"createdTime\":1}}\n");
        try (CatalogTarget.TestCatalog cat = target.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                new DeltaLogImporter(catalog).importTable(table, "legacy", ImportProgress.NONE);
            }
            try (Connection c = SqlTesting.connect(cat);
                    Statement s = c.createStatement()) {
                assertThat(
                                s.executeUpdate(
                                        "INSERT INTO \"legacy$properties\"(property_key, property_value) VALUES ('owner', 'data-eng')"))
                        .isEqualTo(1);
                assertThat(SqlTesting.column(
                                s, "SELECT property_value FROM \"legacy$properties\" WHERE property_key = 'owner'"))
                        .containsExactly("data-eng");
                assertThat(SqlTesting.column(s, "SELECT schema_string FROM delta.tables WHERE name = 'legacy'"))
                        .containsExactly(legacy);
            }
        }
    }
}
