package io.deltasql.calcite;

import static io.deltasql.calcite.SqlTesting.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code DELETE FROM "t$files" WHERE path = ?}: the parameter is pushed into the scan (bound per
 * execution, so the catalog is asked for that one path), and one prepared DELETE reused with
 * different values removes exactly the file each value names.
 */
class FilesDeleteParametersTest {
    @TempDir
    Path dir;

    /** The whole plan of a statement with one string parameter, as {@code EXPLAIN PLAN FOR} prints it (Calcite wants it bound). */
    private static String plan(Connection c, String sql, String parameter) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN PLAN FOR " + sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.append(rs.getString(1));
                }
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theParameterNarrowsTheScan(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "events", dir.resolve("events"), false);
            assertThat(plan(c, "DELETE FROM \"events$files\" WHERE path = ?", "a.parquet"))
                    .isEqualTo("""
                    EnumerableDeltaTableModify(table=[[delta, events$files]], operation=[DELETE], flattened=[false])
                      EnumerableCalc(expr#0..9=[{inputs}], expr#10=[?0], expr#11=[=($t0, $t10)], proj#0..9=[{exprs}], $condition=[$t11])
                        DeltaTableScan(table=[[delta, events$files]], filters=[[=($0, ?0)]])
                    """);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aReusedDeleteRemovesExactlyTheFileEachValueNames(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection c = AdapterConnections.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "events", dir.resolve("events"), false);
            s.executeUpdate("INSERT INTO \"events$files\"(path, size) VALUES ('a.parquet', 1), ('b.parquet', 2),"
                    + " ('c.parquet', 3), ('d.parquet', 4)");
            String paths = "SELECT path FROM \"events$files\" ORDER BY path";
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM \"events$files\" WHERE path = ?")) {
                assertThat(deleted(delete, "b.parquet")).isEqualTo(1);
                assertThat(column(s, paths)).containsExactly("a.parquet", "c.parquet", "d.parquet");
                assertThat(deleted(delete, "absent.parquet")).isZero();
                assertThat(column(s, paths)).containsExactly("a.parquet", "c.parquet", "d.parquet");
                assertThat(deleted(delete, "d.parquet")).isEqualTo(1);
                assertThat(column(s, paths)).containsExactly("a.parquet", "c.parquet");
                assertThat(deleted(delete, "b.parquet")).isZero();
                assertThat(column(s, paths)).containsExactly("a.parquet", "c.parquet");
                s.executeUpdate("INSERT INTO \"events$files\"(path, size) VALUES ('b.parquet', 5)");
                assertThat(deleted(delete, "b.parquet")).isEqualTo(1);
                assertThat(deleted(delete, "a.parquet")).isEqualTo(1);
                assertThat(column(s, paths)).containsExactly("c.parquet");
            }
            // One version per DELETE that removed a file, none for those that matched nothing.
            assertThat(column(s, "SELECT operation FROM \"events$history\" ORDER BY version"))
                    .containsExactly("CREATE TABLE", "WRITE", "DELETE", "DELETE", "WRITE", "DELETE", "DELETE");
        }
    }

    private static int deleted(PreparedStatement delete, String path) throws SQLException {
        delete.setString(1, path);
        return delete.executeUpdate();
    }
}
