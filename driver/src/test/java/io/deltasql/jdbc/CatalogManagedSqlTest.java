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
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalog-managed tables through SQL: created with {@code delta.feature.catalogManaged=supported},
 * shown in {@code delta.tables} with their kind and table id, committed to by DML with in-commit
 * timestamps and transaction ids (alone and in a transaction with an ordinary table), read through
 * every virtual table and by time travel; an ordinary table cannot become one.
 */
class CatalogManagedSqlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void catalogManagedTablesThroughSql(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string, partition_columns, properties)"
                    + " VALUES ('m', '" + dir.resolve("m") + "', '" + Fixtures.SCHEMA + "', '[\"region\"]',"
                    + " '{\"delta.feature.catalogManaged\":\"supported\"}')");
            SqlTesting.createTable(s, "plain", dir.resolve("plain"), true);
            List<List<Object>> kinds =
                    SqlTesting.rows(s, "SELECT name, kind, catalog_table_id FROM delta.tables ORDER BY name");
            assertThat(kinds).extracting(r -> r.get(1)).containsExactly("catalog-managed", "path-based");
            String id = (String) kinds.get(0).get(2);
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            assertThat(kinds.get(1).get(2)).isNull();
            assertThat(column(s, "SELECT properties FROM delta.tables WHERE name = 'm'")
                            .get(0)
                            .toString())
                    .contains("\"delta.enableInCommitTimestamps\":\"true\"", id);

            s.executeUpdate("INSERT INTO \"m$files\"(path, size, region) VALUES ('region=eu/a.parquet', 10, 'eu')");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO \"m$files\"(path, size, region) VALUES ('region=us/b.parquet', 10, 'us')");
            s.executeUpdate("INSERT INTO \"plain$files\"(path, size, region) VALUES ('region=us/b.parquet', 10, 'us')");
            c.commit();
            c.setAutoCommit(true);
            for (Object info :
                    column(s, "SELECT action_json FROM \"m$log\" WHERE action_type = 'commitInfo' ORDER BY version")) {
                JsonNode commitInfo = JSON.readTree((String) info).path("commitInfo");
                assertThat(commitInfo.has("inCommitTimestamp"))
                        .as((String) info)
                        .isTrue();
                assertThat(commitInfo.path("txnId").asText()).as((String) info).isNotEmpty();
            }
            assertThat(column(s, "SELECT version FROM \"m$history\" ORDER BY version"))
                    .containsExactly(0L, 1L, 2L);
            assertThat(column(s, "SELECT path FROM \"m$files\" ORDER BY path"))
                    .containsExactly("region=eu/a.parquet", "region=us/b.parquet");
            assertThat(column(s, "SELECT path FROM TABLE(delta.files('m', 1))")).containsExactly("region=eu/a.parquet");
            assertThat(column(s, "SELECT num_files FROM \"m$partitions\"")).containsExactly(1L, 1L);

            // An ordinary table does not become catalog-managed, and a catalog-managed one keeps its rules.
            String before = CatalogDump.of(cat.jdbcUrl());
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO \"plain$properties\"(property_key, property_value)"
                            + " VALUES ('delta.feature.catalogManaged', 'supported')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("cannot become catalog-managed")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
            assertThatThrownBy(() -> s.executeUpdate("UPDATE \"m$properties\" SET property_value = 'false'"
                            + " WHERE property_key = 'delta.enableInCommitTimestamps'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("keeps in-commit timestamps")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
        }
    }
}
