package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17, finding 1: a table created through SQL with feature properties gets the table features
 * they need (not plain configuration), its adds get row ids and its commits in-commit timestamps;
 * a property set later through {@code $properties} upgrades the protocol in the same commit.
 */
class FeaturePropertiesSqlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void featurePropertiesBecomeTableFeatures(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns, properties) VALUES ('tt', '"
                            + dir.resolve("tt") + "', '" + Fixtures.SCHEMA + "', '[\"region\"]', "
                            + "'{\"delta.enableRowTracking\":\"true\",\"delta.enableInCommitTimestamps\":\"true\"}')");
            assertThat(SqlTesting.rows(
                            s, "SELECT min_reader_version, min_writer_version FROM delta.tables WHERE name = 'tt'"))
                    .containsExactly(List.of(1, 7));
            JsonNode protocol =
                    JSON.readTree(single(s, "SELECT action_json FROM \"tt$log\" WHERE action_type = 'protocol'"));
            assertThat(protocol.path("protocol").path("writerFeatures").toString())
                    .contains("\"rowTracking\"", "\"domainMetadata\"", "\"inCommitTimestamp\"");

            s.executeUpdate(
                    "INSERT INTO \"tt$files\"(path, size, region, stats) VALUES "
                            + "('region=eu/a.parquet', 10, 'eu', '{\"numRecords\":4}'), ('region=us/b.parquet', 10, 'us', '{\"numRecords\":6}')");
            s.executeUpdate(
                    "INSERT INTO \"tt$files\"(path, size, region, stats) VALUES ('region=eu/c.parquet', 10, 'eu', '{\"numRecords\":1}')");
            List<Object> adds = column(
                    s, "SELECT action_json FROM \"tt$log\" WHERE action_type = 'add' ORDER BY version, action_json");
            assertThat(adds).hasSize(3);
            long expectedBase = 0;
            for (int i = 0; i < adds.size(); i++) {
                JsonNode add = JSON.readTree((String) adds.get(i)).path("add");
                assertThat(add.path("baseRowId").asLong(-1)).as(add.toString()).isEqualTo(expectedBase);
                assertThat(add.path("defaultRowCommitVersion").asLong(-1)).isEqualTo(i < 2 ? 1 : 2);
                expectedBase += JSON.readTree(add.path("stats").asText())
                        .path("numRecords")
                        .asLong();
            }
            for (Object info :
                    column(s, "SELECT action_json FROM \"tt$log\" WHERE action_type = 'commitInfo' ORDER BY version")) {
                assertThat(JSON.readTree((String) info).path("commitInfo").has("inCommitTimestamp"))
                        .as((String) info)
                        .isTrue();
            }

            // A file without a row count cannot get row ids: refused, nothing changes.
            String before = CatalogDump.of(cat.jdbcUrl());
            assertThatThrownBy(() -> s.executeUpdate(
                            "INSERT INTO \"tt$files\"(path, size, region) VALUES ('region=eu/x.parquet', 1, 'eu')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("numRecords")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void propertyThroughPropertiesTableUpgradesTheProtocol(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate(
                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('delta.enableDeletionVectors', 'true'),"
                            + " ('delta.enableChangeDataFeed', 'true')");
            assertThat(SqlTesting.rows(
                            s, "SELECT min_reader_version, min_writer_version FROM delta.tables WHERE name = 't'"))
                    .containsExactly(List.of(3, 7));
            assertThat(column(s, "SELECT action_type FROM \"t$log\" WHERE version = 1 ORDER BY action_type"))
                    .containsExactly("commitInfo", "metaData", "protocol");
            JsonNode protocol = JSON.readTree(
                    single(s, "SELECT action_json FROM \"t$log\" WHERE version = 1 AND action_type = 'protocol'"));
            assertThat(protocol.path("protocol").path("readerFeatures").toString())
                    .isEqualTo("[\"deletionVectors\"]");
            assertThat(protocol.path("protocol").path("writerFeatures").toString())
                    .contains("\"deletionVectors\"", "\"changeDataFeed\"", "\"appendOnly\"", "\"invariants\"");

            // delta.feature.<name> asks for the feature and is not kept among the properties.
            s.executeUpdate(
                    "INSERT INTO \"t$properties\"(property_key, property_value) VALUES ('delta.feature.domainMetadata', 'supported')");
            assertThat(column(s, "SELECT property_key FROM \"t$properties\" ORDER BY property_key"))
                    .containsExactly("delta.enableChangeDataFeed", "delta.enableDeletionVectors");
            assertThat(single(s, "SELECT action_json FROM \"t$log\" WHERE version = 2 AND action_type = 'protocol'"))
                    .contains("\"domainMetadata\"");

            // Turning column mapping on needs a rewrite deltasql does not do: refused, nothing changes.
            String before = CatalogDump.of(cat.jdbcUrl());
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO \"t$properties\"(property_key, property_value)"
                            + " VALUES ('delta.columnMapping.mode', 'name')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("delta.columnMapping.mode")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void deletionVectorUpdateKeepsRowIds(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns, properties) VALUES ('dv', '"
                            + dir.resolve("dv") + "', '" + Fixtures.SCHEMA + "', '[]', "
                            + "'{\"delta.enableRowTracking\":\"true\",\"delta.enableDeletionVectors\":\"true\"}')");
            s.executeUpdate(
                    "INSERT INTO \"dv$files\"(path, size, stats) VALUES ('a.parquet', 10, '{\"numRecords\":5}'),"
                            + " ('b.parquet', 10, '{\"numRecords\":5}')");
            // Rows deleted from b.parquet: its file is removed and added again with a deletion vector, in one commit.
            c.setAutoCommit(false);
            s.executeUpdate("DELETE FROM \"dv$files\" WHERE path = 'b.parquet'");
            s.executeUpdate(
                    "INSERT INTO \"dv$files\"(path, size, data_change, deletion_vector) VALUES ('b.parquet', 10, true,"
                            + " '{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":1,\"sizeInBytes\":36,\"cardinality\":2}')");
            c.commit();
            c.setAutoCommit(true);
            JsonNode readded = JSON.readTree(
                    single(s, "SELECT action_json FROM \"dv$log\" WHERE version = 2 AND action_type = 'add'"));
            assertThat(readded.path("add").path("baseRowId").asLong(-1)).isEqualTo(5);
            assertThat(readded.path("add").path("defaultRowCommitVersion").asLong(-1))
                    .isEqualTo(1);
            assertThat(single(s, "SELECT deletion_vector FROM \"dv$files\" WHERE path = 'b.parquet'"))
                    .contains("\"cardinality\":2");
            assertThat(single(
                            s,
                            "SELECT action_json FROM \"dv$log\" WHERE action_type = 'domainMetadata' AND version = 1"))
                    .contains("\"rowIdHighWaterMark\\\":9");
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        List<Object> values = column(s, sql);
        assertThat(values).as(sql).hasSize(1);
        return (String) values.get(0);
    }
}
