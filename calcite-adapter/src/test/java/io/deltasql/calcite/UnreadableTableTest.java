package io.deltasql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.testing.BrokenRows;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table the catalog cannot serve (here: a metaData row no JSON reader takes, written straight
 * into the catalog database, as something other than deltasql might) fails only the queries
 * that read it: {@code delta.tables} lists it with what its registry row holds and the reason in
 * {@code error}, {@code sys.mirror} shows it, and {@code DELETE FROM delta.tables} unregisters it.
 */
class UnreadableTableTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void anUnreadableTableFailsOnlyTheQueriesThatReadIt(CatalogTarget target) throws Exception {
        try (CatalogTarget.TestCatalog cat = target.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                for (String name : List.of("a", "broken", "c")) {
                    catalog.createTable(new CreateTableRequest(
                            name, dir.resolve(name).toString(), Fixtures.SCHEMA, List.of(), Map.of()));
                }
            }
            BrokenRows.breakMetadata(cat.jdbcUrl(), "broken");
            try (Connection c = AdapterConnections.connect(cat);
                    Statement s = c.createStatement()) {
                List<List<Object>> rows = SqlTesting.rows(
                        s, "SELECT name, version, schema_string IS NULL, error FROM delta.tables" + " ORDER BY name");
                assertThat(rows).hasSize(3);
                assertThat(rows.get(0)).containsExactly("a", 0L, false, null);
                assertThat(rows.get(2)).containsExactly("c", 0L, false, null);
                assertThat(rows.get(1).subList(0, 3)).containsExactly("broken", 0L, true);
                assertThat((String) rows.get(1).get(3))
                        .startsWith("cannot read this table: ")
                        .hasSizeLessThan(1_000);
                assertThat(SqlTesting.count(
                                s, "SELECT count(*) FROM delta.tables WHERE name = 'broken' AND error IS NOT NULL"))
                        .isEqualTo(1);

                assertThatThrownBy(() -> SqlTesting.rows(s, "SELECT * FROM \"broken$files\""))
                        .isInstanceOf(SQLException.class);
                assertThat(SqlTesting.count(s, "SELECT count(*) FROM \"a$files\""))
                        .isZero();
                assertThat(SqlTesting.column(s, "SELECT table_name FROM sys.mirror ORDER BY table_name"))
                        .containsExactly("a", "broken", "c");

                assertThat(s.executeUpdate("DELETE FROM delta.tables WHERE name = 'broken'"))
                        .isEqualTo(1);
                assertThat(SqlTesting.column(s, "SELECT name FROM delta.tables ORDER BY name"))
                        .containsExactly("a", "c");
            }
        }
    }
}
