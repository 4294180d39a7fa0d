package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A snapshot's head lookup runs on a catalog connection of its own (outside the pool): it must
 * still see every commit the moment it is committed, by this process or another, and survive the
 * loss of that connection.
 */
class HeadLookupTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void everySnapshotIsTheLatestCommittedByAnyProcess(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog reader = db.open();
                DeltaCatalog writer = db.open()) {
            writer.createTable(Fixtures.table("t"));
            for (int v = 1; v <= 60; v++) {
                writer.commit(CommitRequest.builder("t", v - 1)
                        .add(add("f" + v + ".parquet"))
                        .build());
                // No wait, no retry: the very next call sees the version just committed elsewhere.
                assertThat(reader.snapshot("t").version()).isEqualTo(v);
                assertThat(reader.snapshot("t").numFiles()).isEqualTo(v);
            }
            // A table dropped and created again elsewhere is the new table at once.
            long oldId = reader.table("t").id();
            writer.dropTable("t");
            assertThat(reader.findTable("t")).isEmpty();
            writer.createTable(Fixtures.table("t"));
            assertThat(reader.table("t").id()).isNotEqualTo(oldId);
            assertThat(reader.snapshot("t").version()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void lookupsGoOnWhenTheCatalogEndsTheirConnections(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            for (int round = 1; round <= 3; round++) {
                for (int i = 0; i < 50; i++) {
                    assertThat(catalog.snapshot("t").version()).isEqualTo(round - 1);
                }
                if (!endOtherSessions(db.jdbcUrl())) {
                    return;
                }
                // Past HikariCP's half second without validation, so the pool replaces its own dead connections.
                Thread.sleep(600);
                // The lookup connection is gone: the call is answered (by the pool) all the same, and
                // the lookup opens a new connection for the calls after it.
                assertThat(catalog.snapshot("t").version()).isEqualTo(round - 1);
                catalog.commit(CommitRequest.builder("t", round - 1)
                        .add(add("f" + round + ".parquet"))
                        .build());
                assertThat(catalog.snapshot("t").version()).isEqualTo(round);
            }
        }
    }

    /**
     * Ends every other session of the catalog database (a server restart, as far as clients can
     * tell). Only where the test owns the whole database: the embedded PostgreSQL's test databases;
     * false elsewhere (the shared servers' catalogs are schemas in a database others use).
     */
    private static boolean endOtherSessions(String url) throws SQLException {
        if (!url.startsWith("jdbc:postgresql:") || !url.contains("/dsq_")) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()");
        }
        return true;
    }
}
