package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static io.deltasql.jdbc.SqlTesting.count;
import static io.deltasql.jdbc.SqlTesting.createTable;
import static io.deltasql.jdbc.SqlTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What schema browsers and BI tools do: metadata calls, joins, grouping, ordering, counting a large table. */
class BiToolsTest {
    @TempDir
    Path dir;

    @Test
    void driverIsFoundByServiceLoadingAndDescribesItself() throws Exception {
        Driver driver = DriverManager.getDriver("jdbc:deltasql:");
        assertThat(driver).isInstanceOf(DeltaSqlDriver.class);
        assertThat(driver.acceptsURL("jdbc:deltasql:postgresql://h/db")).isTrue();
        assertThat(driver.acceptsURL("jdbc:postgresql://h/db")).isFalse();
        assertThat(driver.getMajorVersion()).isGreaterThanOrEqualTo(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void databaseMetaDataForASchemaBrowser(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "events", dir.resolve("events"), true);
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDriverName()).isEqualTo("deltasql JDBC driver");
            assertThat(md.getDriverVersion()).isNotBlank();
            assertThat(md.getDatabaseProductName()).isEqualTo("deltasql");
            assertThat(md.getURL()).startsWith("jdbc:deltasql:");
            assertThat(md.getConnection()).isSameAs(c);
            assertThat(md.supportsTransactions()).isTrue();
            assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");

            assertThat(strings(md.getSchemas(), "TABLE_SCHEM")).contains("delta", "sys");
            assertThat(strings(md.getCatalogs(), "TABLE_CAT")).isNotNull();
            assertThat(strings(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE");
            List<String> tables = strings(md.getTables(null, "delta", "%", null), "TABLE_NAME");
            assertThat(tables)
                    .contains(
                            "tables",
                            "events$files",
                            "events$history",
                            "events$log",
                            "events$changes",
                            "events$partitions",
                            "events$schema",
                            "events$properties");
            assertThat(strings(md.getTables(null, "delta", "events$%", new String[] {"TABLE"}), "TABLE_NAME"))
                    .hasSize(7);
            assertThat(strings(md.getTables(null, "sys", "%", null), "TABLE_NAME"))
                    .contains("pool", "cache", "mirror", "catalog");

            Map<String, Integer> types = new HashMap<>();
            try (ResultSet rs = md.getColumns(null, "delta", "events$files", "%")) {
                while (rs.next()) {
                    types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
            assertThat(types)
                    .containsEntry("path", Types.VARCHAR)
                    .containsEntry("size", Types.BIGINT)
                    .containsEntry("data_change", Types.BOOLEAN)
                    .containsEntry("region", Types.VARCHAR);
            try (ResultSet rs = md.getColumns(null, "delta", "events$history", "timestamp")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.TIMESTAMP);
            }
            assertThat(strings(md.getTypeInfo(), "TYPE_NAME")).contains("VARCHAR", "BIGINT", "BOOLEAN", "TIMESTAMP");
            try (ResultSet rs = md.getPrimaryKeys(null, "delta", "events$files")) {
                assertThat(rs.getStatement() == null || rs.getStatement().getConnection() == c)
                        .isTrue();
            }

            try (ResultSet rs = s.executeQuery("SELECT path, size FROM \"events$files\"")) {
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("path");
                assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.BIGINT);
                assertThat(rs.getStatement()).isSameAs(s);
            }
        }
    }

    @Test
    void aSchemaBrowserSeesTablesCreatedAndDroppedSinceItLastLooked() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Connection other = SqlTesting.connect(cat);
                Statement s = other.createStatement()) {
            createTable(s, "first", dir.resolve("first"), false);
            DatabaseMetaData md = c.getMetaData();
            assertThat(strings(md.getTables(null, "delta", "%$files", null), "TABLE_NAME"))
                    .containsExactly("first$files");
            createTable(s, "second", dir.resolve("second"), false);
            s.executeUpdate("DELETE FROM delta.tables WHERE name = 'first'");
            assertThat(strings(md.getTables(null, "delta", "%$files", null), "TABLE_NAME"))
                    .as("the same connection's metadata, asked again")
                    .containsExactly("second$files");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void sqlThatBiToolsSend(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create()) {
            int files = 20_000;
            try (DeltaCatalog catalog = cat.open()) {
                catalog.createTable(Fixtures.partitioned("big"));
                List<Action> adds = new ArrayList<>();
                for (int i = 0; i < files; i++) {
                    adds.add(Fixtures.add(String.format("part-%05d.parquet", i), "r" + (i % 50)));
                }
                catalog.commit(CommitRequest.builder("big", 0).addAll(adds).build());
            }
            Properties settings = new Properties();
            settings.setProperty("mirror", "false");
            try (Connection c = DriverManager.getConnection(SqlTesting.url(cat), settings);
                    Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM \"big$files\"")).isEqualTo(files);
                assertThat(count(s, "SELECT COUNT(*) FROM \"big$files\" WHERE region = 'r7'"))
                        .isEqualTo(files / 50);
                assertThat(
                                rows(
                                        s,
                                        "SELECT region, COUNT(*) AS n, SUM(size) FROM \"big$files\" GROUP BY region ORDER BY n DESC, region LIMIT 2"))
                        .hasSize(2)
                        .allSatisfy(
                                r -> assertThat(((Number) r.get(1)).longValue()).isEqualTo(files / 50));
                assertThat(column(s, "SELECT path FROM \"big$files\" ORDER BY size DESC, path LIMIT 1"))
                        .hasSize(1);
                assertThat(rows(
                                s,
                                "SELECT p.region, p.num_files, COUNT(f.path) FROM \"big$partitions\" p"
                                        + " JOIN \"big$files\" f ON f.region = p.region WHERE p.region IN ('r1', 'r2') GROUP BY p.region, p.num_files"
                                        + " ORDER BY p.region"))
                        .containsExactly(List.of("r1", 400L, 400L), List.of("r2", 400L, 400L));
                assertThat(rows(
                                s,
                                "SELECT t.name, h.operation, h.num_added_files FROM delta.tables t JOIN \"big$history\" h"
                                        + " ON h.version = t.version"))
                        .containsExactly(List.of("big", "WRITE", (long) files));
                assertThat(count(s, "SELECT COUNT(*) FROM \"big$changes\" WHERE action = 'add'"))
                        .isEqualTo(files);
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM \"big$files\" WHERE region = ? AND size > ?")) {
                    ps.setString(1, "r3");
                    ps.setLong(2, 0);
                    assertThat(countOf(ps)).isEqualTo(files / 50);
                    ps.setString(1, "none");
                    assertThat(countOf(ps)).isZero();
                }
            }
        }
    }

    private static long countOf(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet r = rs) {
            while (r.next()) {
                values.add(r.getString(column));
            }
        }
        return values;
    }
}
