package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.createTable;
import static io.deltasql.jdbc.SqlTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a schema browser (SchemaCrawler, DBeaver) reads from the local driver's metadata: standard
 * type names with sizes and nullability in their own columns, deltasql's own schemas and table
 * functions only, identifier case as the SQL folds it.
 */
class SchemaBrowserMetadataTest {
    @TempDir
    Path dir;

    /** A column as getColumns describes it. */
    record Column(String type, int dataType, Integer size, Integer digits, int nullable, String isNullable) {}

    private static Map<String, Column> columns(DatabaseMetaData md, String schema, String table) throws Exception {
        Map<String, Column> columns = new HashMap<>();
        try (ResultSet rs = md.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                columns.put(
                        rs.getString("COLUMN_NAME"),
                        new Column(
                                rs.getString("TYPE_NAME"),
                                rs.getInt("DATA_TYPE"),
                                (Integer) rs.getObject("COLUMN_SIZE"),
                                (Integer) rs.getObject("DECIMAL_DIGITS"),
                                rs.getInt("NULLABLE"),
                                rs.getString("IS_NULLABLE")));
            }
        }
        return columns;
    }

    @Test
    void columnsHaveStandardTypeNamesAndSizesInTheirOwnColumns() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "events", dir.resolve("events"), true);
            DatabaseMetaData md = c.getMetaData();
            Map<String, Column> files = columns(md, "delta", "events$files");
            assertThat(files.get("path"))
                    .isEqualTo(new Column(
                            "VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, null, DatabaseMetaData.columnNoNulls, "NO"));
            assertThat(files.get("size"))
                    .isEqualTo(new Column("BIGINT", Types.BIGINT, 19, 0, DatabaseMetaData.columnNullable, "YES"));
            assertThat(files.get("data_change").type()).isEqualTo("BOOLEAN");
            assertThat(files.get("region").type()).isEqualTo("VARCHAR");
            Map<String, Column> history = columns(md, "delta", "events$history");
            assertThat(history.get("timestamp"))
                    .isEqualTo(new Column(
                            "TIMESTAMP",
                            Types.TIMESTAMP,
                            23,
                            3,
                            history.get("timestamp").nullable(),
                            history.get("timestamp").isNullable()));
            assertThat(history.get("version").type()).isEqualTo("BIGINT");

            // Every type a column names is one getTypeInfo lists, with the same type code.
            Map<String, Integer> typeInfo = new HashMap<>();
            try (ResultSet rs = md.getTypeInfo()) {
                while (rs.next()) {
                    typeInfo.putIfAbsent(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
            try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    String where = rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "."
                            + rs.getString("COLUMN_NAME");
                    assertThat(typeInfo).as(where).containsEntry(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
                    assertThat(rs.getString("TYPE_NAME")).as(where).doesNotContain(" ", "(");
                    assertThat(rs.getInt("COLUMN_SIZE")).as(where).isPositive();
                    assertThat(rs.getString("IS_NULLABLE"))
                            .as(where)
                            .isEqualTo(rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable ? "YES" : "NO");
                }
                assertThat(n).isGreaterThan(50);
            }
        }
    }

    @Test
    void resultSetMetaDataAgreesWithGetColumns() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "events", dir.resolve("events"), true);
            String sql = "SELECT path, size, data_change, region FROM \"events$files\"";
            try (ResultSet rs = s.executeQuery(sql)) {
                check(rs.getMetaData(), c.getMetaData(), "events$files");
                assertThat(rs.getMetaData().getColumnDisplaySize(1))
                        .as("unbounded VARCHAR")
                        .isEqualTo(Integer.MAX_VALUE);
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("VARCHAR");
            }
            try (var ps = c.prepareStatement(sql)) {
                check(ps.getMetaData(), c.getMetaData(), "events$files");
            }
            try (ResultSet rs = s.executeQuery("SELECT version, \"timestamp\" FROM \"events$history\"")) {
                ResultSetMetaData m = rs.getMetaData();
                assertThat(m.getColumnTypeName(2)).isEqualTo("TIMESTAMP");
                assertThat(m.getPrecision(2)).isEqualTo(23);
                assertThat(m.getScale(2)).isEqualTo(3);
                assertThat(m.getColumnDisplaySize(2)).isEqualTo(23);
                assertThat(m.getColumnDisplaySize(1)).isEqualTo(20);
                check(m, c.getMetaData(), "events$history");
            }
        }
    }

    private static void check(ResultSetMetaData m, DatabaseMetaData md, String table) throws Exception {
        Map<String, Column> columns = columns(md, "delta", table);
        for (int i = 1; i <= m.getColumnCount(); i++) {
            Column col = columns.get(m.getColumnName(i));
            assertThat(m.getColumnTypeName(i)).as(m.getColumnName(i)).isEqualTo(col.type());
            assertThat(m.getColumnType(i)).as(m.getColumnName(i)).isEqualTo(col.dataType());
            assertThat(m.getPrecision(i)).as(m.getColumnName(i)).isEqualTo(col.size());
            assertThat(m.getColumnDisplaySize(i)).as(m.getColumnName(i)).isPositive();
        }
    }

    @Test
    void onlyDeltasqlSchemasAreListed() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat)) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(strings(md.getSchemas(), "TABLE_SCHEM")).containsExactly("delta", "sys");
            assertThat(strings(md.getSchemas(null, "%"), "TABLE_SCHEM")).containsExactly("delta", "sys");
            assertThat(strings(md.getTables(null, null, "%", null), "TABLE_SCHEM"))
                    .containsOnly("delta", "sys");
            assertThat(strings(md.getColumns(null, null, "%", "%"), "TABLE_SCHEM"))
                    .containsOnly("delta", "sys");
            assertThat(strings(md.getTables(null, "metadata", "%", null), "TABLE_NAME"))
                    .isEmpty();
        }
    }

    @Test
    void functionsAreDeltasqlsTableFunctions() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat)) {
            DatabaseMetaData md = c.getMetaData();
            List<List<Object>> functions = rows(md.getFunctions(null, null, "%"));
            assertThat(functions)
                    .extracting(r -> r.get(1) + "." + r.get(2))
                    .containsExactly("delta.files", "delta.files_as_of");
            assertThat(functions).allSatisfy(r -> {
                assertThat(((Number) r.get(4)).intValue()).isEqualTo(DatabaseMetaData.functionReturnsTable);
                assertThat((String) r.get(3)).contains("TABLE(delta.");
            });
            try (ResultSet rs = md.getFunctions(null, null, "%")) {
                assertThat(rs.getMetaData().getColumnLabel(3)).isEqualTo("FUNCTION_NAME");
                assertThat(rs.getMetaData().getColumnLabel(5)).isEqualTo("FUNCTION_TYPE");
            }
            assertThat(rows(md.getFunctions(null, "delta", "files\\_as%"))).hasSize(1);
            assertThat(rows(md.getFunctions("other", null, "%")))
                    .as("no catalog of that name")
                    .isEmpty();
            assertThat(rows(md.getFunctions(null, "sys", "%"))).isEmpty();

            Map<String, List<String>> params = new HashMap<>();
            List<String> result = new ArrayList<>();
            try (ResultSet rs = md.getFunctionColumns(null, "delta", "%", "%")) {
                while (rs.next()) {
                    String fn = rs.getString("FUNCTION_NAME");
                    int dataType = rs.getInt("DATA_TYPE");
                    String name = rs.getString("COLUMN_NAME");
                    assertThat(rs.getString("TYPE_NAME")).isEqualTo(ColumnSizes.typeName(dataType));
                    int digits = rs.getInt("SCALE");
                    Integer size = ColumnSizes.columnSize(dataType, dataType == Types.TIMESTAMP ? digits : -1, digits);
                    assertThat((Integer) rs.getObject("PRECISION"))
                            .as(fn + "." + name)
                            .isEqualTo(size);
                    if (rs.getInt("COLUMN_TYPE") == DatabaseMetaData.functionColumnIn) {
                        params.computeIfAbsent(fn, k -> new ArrayList<>()).add(name + " " + rs.getString("TYPE_NAME"));
                        assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
                    } else {
                        assertThat(rs.getInt("COLUMN_TYPE")).isEqualTo(DatabaseMetaData.functionColumnResult);
                        if (fn.equals("files")) {
                            result.add(name);
                        }
                    }
                }
            }
            assertThat(params)
                    .containsEntry("files", List.of("table_name VARCHAR", "version BIGINT"))
                    .containsEntry("files_as_of", List.of("table_name VARCHAR", "as_of TIMESTAMP"));
            assertThat(result)
                    .startsWith("path", "size", "modification_time", "data_change")
                    .contains("deletion_vector");
        }
    }

    @Test
    void identifiersTransactionsAndResultsAreDescribedAsTheyBehave() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "Mixed", dir.resolve("mixed"), false);
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.storesLowerCaseIdentifiers()).isTrue();
            assertThat(md.storesUpperCaseIdentifiers()).isFalse();
            assertThat(md.storesMixedCaseIdentifiers()).isFalse();
            // Unquoted names fold to lower case, and every name matches ignoring case.
            assertThat(SqlTesting.count(s, "SELECT COUNT(*) FROM DELTA.\"MIXED$FILES\""))
                    .isZero();
            assertThat(md.supportsMixedCaseQuotedIdentifiers()).isFalse();
            assertThat(md.supportsTransactions()).isTrue();
            assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getTransactionIsolation()).isEqualTo(md.getDefaultTransactionIsolation());
            assertThat(md.supportsResultSetHoldability(md.getResultSetHoldability()))
                    .isTrue();
            assertThat(md.supportsResultSetHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT))
                    .isFalse();
            assertThat(md.ownUpdatesAreVisible(ResultSet.TYPE_FORWARD_ONLY)).isFalse();
            assertThat(md.insertsAreDetected(ResultSet.TYPE_FORWARD_ONLY)).isFalse();
            assertThat(c.getTypeMap()).isEmpty();
            c.setTypeMap(new HashMap<>());
            assertThatThrownBy(() -> c.setTypeMap(Map.of("point", Object.class)))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThat(md.isReadOnly()).isFalse();
            Properties readOnly = new Properties();
            readOnly.setProperty("readOnly", "true");
            try (Connection reader = DriverManager.getConnection(SqlTesting.url(cat), readOnly)) {
                assertThat(reader.getMetaData().isReadOnly()).isTrue();
            }
        }
    }

    @Test
    void keysAndIndexesAreEmptyWellFormedResults() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            createTable(s, "events", dir.resolve("events"), false);
            DatabaseMetaData md = c.getMetaData();
            assertThat(labels(md.getPrimaryKeys(null, "delta", "events$files")))
                    .containsExactly("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
            assertThat(rows(md.getPrimaryKeys(null, "delta", "events$files"))).isEmpty();
            assertThat(labels(md.getImportedKeys(null, "delta", "events$files")))
                    .startsWith("PKTABLE_CAT", "PKTABLE_SCHEM")
                    .contains("FKCOLUMN_NAME", "KEY_SEQ")
                    .hasSize(14);
            assertThat(rows(md.getImportedKeys(null, "delta", "events$files"))).isEmpty();
            assertThat(labels(md.getIndexInfo(null, "delta", "events$files", false, true)))
                    .contains("NON_UNIQUE", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME");
            assertThat(rows(md.getIndexInfo(null, "delta", "events$files", false, true)))
                    .isEmpty();
            assertThat(strings(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE");
            assertThat(labels(md.getCatalogs())).containsExactly("TABLE_CAT");
        }
    }

    static List<String> labels(ResultSet rs) throws Exception {
        try (rs) {
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                labels.add(rs.getMetaData().getColumnLabel(i));
            }
            return labels;
        }
    }

    static List<String> strings(ResultSet rs, String column) throws Exception {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(column));
            }
        }
        return values;
    }
}
