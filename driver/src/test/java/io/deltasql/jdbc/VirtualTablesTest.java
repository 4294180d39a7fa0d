package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables created or dropped through another connection appear and disappear in an open one, and
 * a table that does not exist is SQLState 42P01 (the driver's reading of Calcite's "not found").
 * The virtual tables themselves are tested in calcite-adapter's VirtualTablesTest.
 */
class VirtualTablesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void tablesAppearAndDisappearWithoutReconnecting(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create();
                Connection viewer = SqlTesting.connect(cat);
                Connection other = SqlTesting.connect(cat);
                Statement v = viewer.createStatement();
                Statement o = other.createStatement()) {
            assertThat(column(v, "SELECT name FROM delta.tables")).isEmpty();
            assertThatThrownBy(() -> v.executeQuery("SELECT * FROM \"late$files\""))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            SqlTesting.createTable(o, "late", dir.resolve("late"), false);
            o.executeUpdate("INSERT INTO \"late$files\"(path, size) VALUES ('x.parquet', 1)");
            assertThat(column(v, "SELECT name FROM delta.tables")).containsExactly("late");
            assertThat(column(v, "SELECT path FROM \"late$files\"")).containsExactly("x.parquet");
            assertThat(column(v, "SELECT path FROM LATE$FILES"))
                    .as("unquoted names fold to lower case")
                    .containsExactly("x.parquet");
            assertThat(o.executeUpdate("DELETE FROM delta.tables WHERE name = 'late'"))
                    .isEqualTo(1);
            assertThat(column(v, "SELECT name FROM delta.tables")).isEmpty();
            assertThatThrownBy(() -> v.executeQuery("SELECT * FROM \"late$files\""))
                    .isInstanceOf(SQLException.class);
        }
    }
}
