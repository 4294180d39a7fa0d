package io.deltasql.jdbc;

import static io.deltasql.jdbc.SqlTesting.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition value its typed column cannot hold reaches the user as SQLState 22023 through the
 * driver. The typed columns themselves are tested in calcite-adapter's TypedPartitionsTest.
 */
class TypedPartitionsTest {
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"dt\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}}]}";

    @TempDir
    Path dir;

    @Test
    void aValueOfTheWrongTypeIsRefusedWith22023() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('typed', '"
                            + dir.resolve("typed") + "', '" + SCHEMA + "', 'dt')");
            s.executeUpdate("INSERT INTO \"typed$files\"(path, size, dt) VALUES ('a', 1, DATE '2026-01-01')");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO \"typed$files\"(path, size, partition_values) VALUES"
                            + " ('d', 1, '{\"dt\":\"not a date\"}')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("dt")
                    .hasMessageContaining("not a date")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
            assertThat(column(s, "SELECT count(*) FROM \"typed$files\"")).containsExactly(1L);
        }
    }
}
