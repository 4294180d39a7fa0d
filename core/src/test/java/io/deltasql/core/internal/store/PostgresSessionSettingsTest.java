package io.deltasql.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalog connections to PostgreSQL plan as if the primary key and indexes were always the way:
 * no sequential scans chosen for lack of statistics, no JIT compilation of short queries.
 */
class PostgresSessionSettingsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("postgres")
    void pooledConnectionsHaveTheCatalogSettings(CatalogTarget target) throws Exception {
        try (var db = target.create();
                CatalogDatabase catalog = CatalogDatabase.open(db.config().build())) {
            try (Connection c = catalog.connection();
                    Statement s = c.createStatement()) {
                assertThat(setting(s, "enable_seqscan")).isEqualTo("off");
                assertThat(setting(s, "jit")).isEqualTo("off");
            }
        }
    }

    /** The PostgreSQL catalogs among the test targets (embedded, and the server when configured). */
    static Stream<CatalogTarget> postgres() {
        return CatalogTargets.all().filter(t -> t.name().contains("postgresql"));
    }

    private static String setting(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
