package io.deltasql.calcite;

import static io.deltasql.calcite.SqlTesting.column;
import static io.deltasql.calcite.SqlTesting.count;
import static io.deltasql.calcite.SqlTesting.rows;
import static io.deltasql.calcite.SqlTesting.sqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every virtual table and time-travel function over a table with known history: created, three
 * appends, a delete and a property change, all through SQL on the adapter.
 */
class VirtualTablesTest {
    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @TempDir
    Path dir;

    /** Versions: 0 create, 1-3 one append each, 4 deletes a.parquet, 5 sets a property. */
    private void history(Statement s) throws Exception {
        SqlTesting.createTable(s, "events", dir.resolve("events"), true);
        s.executeUpdate(
                "INSERT INTO \"events$files\"(path, size, region, stats) VALUES ('a.parquet', 100, 'eu', '{\"numRecords\":10}')");
        Thread.sleep(5);
        s.executeUpdate(
                "INSERT INTO \"events$files\"(path, size, region, num_records) VALUES ('b.parquet', 200, 'us', 20)");
        Thread.sleep(5);
        s.executeUpdate(
                "INSERT INTO \"events$files\"(path, size, partition_values) VALUES ('c.parquet', 300, '{\"region\":\"eu\"}')");
        Thread.sleep(5);
        assertThat(s.executeUpdate("DELETE FROM \"events$files\" WHERE path = 'a.parquet'"))
                .isEqualTo(1);
        Thread.sleep(5);
        s.executeUpdate(
                "INSERT INTO \"events$properties\"(property_key, property_value) VALUES ('owner', 'data-team')");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void everyVirtualTable(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            history(s);

            assertThat(rows(
                            s,
                            "SELECT name, location, version, min_reader_version, min_writer_version, partition_columns,"
                                    + " num_files, size_bytes, properties FROM delta.tables"))
                    .containsExactly(row(
                            "events",
                            dir.resolve("events").toString(),
                            5L,
                            1,
                            2,
                            "[\"region\"]",
                            2L,
                            500L,
                            "{\"owner\":\"data-team\"}"));
            assertThat(column(s, "SELECT schema_string FROM delta.tables WHERE name = 'events'")
                            .get(0)
                            .toString())
                    .contains("\"region\"");

            assertThat(
                            rows(
                                    s,
                                    "SELECT path, size, region, partition_values, num_records, data_change FROM \"events$files\" ORDER BY path"))
                    .containsExactly(
                            row("b.parquet", 200L, "us", "{\"region\":\"us\"}", 20L, true),
                            row("c.parquet", 300L, "eu", "{\"region\":\"eu\"}", null, true));
            assertThat(column(s, "SELECT path FROM \"events$files\" WHERE region = 'eu'"))
                    .containsExactly("c.parquet");
            assertThat(column(s, "SELECT path FROM \"events$files\" WHERE region IN ('us', 'xx')"))
                    .containsExactly("b.parquet");
            assertThat(column(s, "SELECT path FROM \"events$files\" WHERE path = 'b.parquet'"))
                    .containsExactly("b.parquet");
            assertThat(column(s, "SELECT stats FROM \"events$files\" WHERE path = 'b.parquet'"))
                    .containsExactly("{\"numRecords\":20}");

            assertThat(rows(
                            s,
                            "SELECT version, operation, is_blind_append, num_added_files, num_removed_files, read_version"
                                    + " FROM \"events$history\" ORDER BY version"))
                    .containsExactly(
                            row(0L, "CREATE TABLE", false, 0L, 0L, null),
                            row(1L, "WRITE", true, 1L, 0L, 0L),
                            row(2L, "WRITE", true, 1L, 0L, 1L),
                            row(3L, "WRITE", true, 1L, 0L, 2L),
                            row(4L, "DELETE", false, 0L, 1L, 3L),
                            row(5L, "SET TBLPROPERTIES", false, 0L, 0L, 4L));
            assertThat(column(s, "SELECT engine_info FROM \"events$history\""))
                    .allSatisfy(e -> assertThat(e.toString()).startsWith("deltasql/"));
            assertThat(column(s, "SELECT operation_parameters FROM \"events$history\" WHERE version = 1"))
                    .containsExactly("{\"mode\":\"Append\"}");
            assertThat(column(s, "SELECT isolation_level FROM \"events$history\" WHERE version = 4"))
                    .containsExactly("WriteSerializable");

            assertThat(rows(
                            s,
                            "SELECT version, action_type FROM \"events$log\" WHERE version = 1 ORDER BY action_type"))
                    .containsExactly(row(1L, "add"), row(1L, "commitInfo"));
            assertThat(column(
                                    s,
                                    "SELECT action_json FROM \"events$log\" WHERE version = 0 AND action_type = 'metaData'")
                            .get(0)
                            .toString())
                    .startsWith("{\"metaData\":");
            assertThat(count(s, "SELECT count(*) FROM \"events$log\"")).isEqualTo(3 + 2 * 3 + 2 + 2);

            assertThat(
                            rows(
                                    s,
                                    "SELECT version, action, path, size, partition_values, data_change FROM \"events$changes\" ORDER BY version, action"))
                    .containsExactly(
                            row(1L, "add", "a.parquet", 100L, "{\"region\":\"eu\"}", true),
                            row(2L, "add", "b.parquet", 200L, "{\"region\":\"us\"}", true),
                            row(3L, "add", "c.parquet", 300L, "{\"region\":\"eu\"}", true),
                            row(4L, "remove", "a.parquet", 100L, "{\"region\":\"eu\"}", true));
            assertThat(column(s, "SELECT path FROM \"events$changes\" WHERE version BETWEEN 2 AND 3 ORDER BY path"))
                    .containsExactly("b.parquet", "c.parquet");

            assertThat(
                            rows(
                                    s,
                                    "SELECT region, num_files, size_bytes, num_records FROM \"events$partitions\" ORDER BY region"))
                    .containsExactly(row("eu", 1L, 300L, null), row("us", 1L, 200L, 20L));

            assertThat(
                            rows(
                                    s,
                                    "SELECT ordinal_position, column_name, data_type, nullable, partition_index FROM \"events$schema\" ORDER BY ordinal_position"))
                    .containsExactly(
                            row(1, "id", "long", false, null),
                            row(2, "region", "string", true, 1),
                            row(3, "value", "double", true, null));

            assertThat(rows(s, "SELECT property_key, property_value FROM \"events$properties\""))
                    .containsExactly(row("owner", "data-team"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void timeTravelByVersionAndTimestamp(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            history(s);
            assertThat(column(s, "SELECT path FROM TABLE(delta.files('events', 0))"))
                    .isEmpty();
            assertThat(column(s, "SELECT path FROM TABLE(delta.files('events', 1))"))
                    .containsExactly("a.parquet");
            assertThat(column(s, "SELECT path FROM TABLE(delta.files('events', 3)) ORDER BY path"))
                    .containsExactly("a.parquet", "b.parquet", "c.parquet");
            assertThat(column(s, "SELECT path FROM TABLE(delta.files('events', 4)) WHERE region = 'eu'"))
                    .containsExactly("c.parquet");
            assertThat(column(s, "SELECT region FROM TABLE(delta.files('events', 2)) ORDER BY region"))
                    .containsExactly("eu", "us");

            Timestamp v2;
            try (ResultSet rs = s.executeQuery("SELECT \"timestamp\" FROM \"events$history\" WHERE version = 2")) {
                rs.next();
                v2 = rs.getTimestamp(1);
            }
            String literal = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.ofEpochMilli(v2.getTime()));
            assertThat(column(
                            s,
                            "SELECT path FROM TABLE(delta.files_as_of('events', TIMESTAMP '" + literal
                                    + "')) ORDER BY path"))
                    .containsExactly("a.parquet", "b.parquet");
            assertThat(
                            column(
                                    s,
                                    "SELECT path FROM TABLE(delta.files_as_of('events', TIMESTAMP '2100-01-01 00:00:00')) ORDER BY path"))
                    .containsExactly("b.parquet", "c.parquet");

            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM TABLE(delta.files('events', 99))"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("events")
                    .hasMessageContaining("99");
            assertThatThrownBy(() -> s.executeQuery(
                            "SELECT * FROM TABLE(delta.files_as_of('events', TIMESTAMP '2000-01-01 00:00:00'))"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("events");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM TABLE(delta.files('nope', 1))"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("nope")
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42P01"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void systemTables(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            history(s);
            assertThat(rows(s, "SELECT maximum FROM sys.pool")).containsExactly(row(8));
            assertThat(column(s, "SELECT name FROM sys.cache ORDER BY name"))
                    .containsExactly("file_lists", "query_plans", "snapshot_headers");
            assertThat(
                            rows(
                                    s,
                                    "SELECT table_name, head_version, mirrored_version, pending_versions, blocked_reason FROM sys.mirror"))
                    .containsExactly(row("events", 5L, 5L, 0L, null));
            assertThat(column(s, "SELECT property_value FROM sys.catalog WHERE property_key = 'catalog_url'")
                            .get(0)
                            .toString())
                    .startsWith("jdbc:")
                    .doesNotContain("password=p");
            assertThat(SqlTesting.deltaLog(dir.resolve("events")))
                    .containsKeys("00000000000000000000.json", "00000000000000000005.json");
        }
    }
}
