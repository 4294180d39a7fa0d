package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog schema is created on first connect, carries its version, and is never applied twice. */
class SchemaMigrationTest {

    private static List<Long> versions(String url) throws Exception {
        List<Long> v = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM ds_schema_version ORDER BY version")) {
            while (rs.next()) {
                v.add(rs.getLong(1));
            }
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void firstConnectCreatesTheSchemaAndLaterConnectsKeepIt(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            // Four processes' worth of catalogs opening an empty database at the same moment.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<DeltaCatalog>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit(() -> db.open()));
            }
            List<DeltaCatalog> catalogs = new ArrayList<>();
            for (Future<DeltaCatalog> f : opening) {
                catalogs.add(f.get());
            }
            pool.shutdown();
            assertThat(versions(db.jdbcUrl())).containsExactly(1L);
            catalogs.get(0).createTable(Fixtures.table("t"));
            assertThat(catalogs.get(3).findTable("t")).isPresent();
            catalogs.forEach(DeltaCatalog::close);
            try (DeltaCatalog again = db.open()) {
                assertThat(again.findTable("t")).isPresent();
            }
            assertThat(versions(db.jdbcUrl())).containsExactly(1L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aCatalogFromANewerDeltasqlIsRefused(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            db.open().close();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO ds_schema_version (version, description, applied_at) VALUES (99, 'from the future', 0)");
            }
            assertThatThrownBy(db::open).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("schema version 99").hasMessageContaining("upgrade deltasql");
        }
    }
}
