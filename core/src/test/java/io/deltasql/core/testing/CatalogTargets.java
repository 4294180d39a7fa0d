package io.deltasql.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The catalog databases of the test run: SQLite and embedded PostgreSQL always; the machine's
 * PostgreSQL and MariaDB/MySQL when {@code DELTASQL_TEST_PG_URL} / {@code DELTASQL_TEST_MYSQL_URL}
 * name them (CI sets both). Use as a JUnit {@code @MethodSource("io.deltasql.core.testing.CatalogTargets#all")}.
 */
public final class CatalogTargets {
    public static final String PG_ENV = "DELTASQL_TEST_PG_URL";
    public static final String MYSQL_ENV = "DELTASQL_TEST_MYSQL_URL";

    private CatalogTargets() {}

    public static Stream<CatalogTarget> all() {
        List<CatalogTarget> targets = new ArrayList<>();
        targets.add(SQLITE);
        targets.add(EMBEDDED_POSTGRES);
        String pg = System.getenv(PG_ENV);
        if (pg != null && !pg.isBlank()) {
            targets.add(new ServerPostgres(pg));
        }
        String my = System.getenv(MYSQL_ENV);
        if (my != null && !my.isBlank()) {
            targets.add(new ServerMariaDb(my));
        }
        return targets.stream();
    }

    public static final CatalogTarget SQLITE = new CatalogTarget() {
        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public TestCatalog create() {
            try {
                Path dir = Files.createTempDirectory("deltasql-catalog-");
                String url = "jdbc:sqlite:" + dir.resolve("catalog.db");
                return new Fresh(url, () -> deleteTree(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name();
        }
    };

    public static final CatalogTarget EMBEDDED_POSTGRES = new CatalogTarget() {
        @Override
        public String name() {
            return "embedded-postgresql";
        }

        @Override
        public TestCatalog create() {
            EmbeddedPostgres pg = EmbeddedPg.instance();
            String db = "dsq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            String admin = pg.getJdbcUrl("postgres", "postgres");
            execute(admin, "CREATE DATABASE " + db);
            return new Fresh(
                    pg.getJdbcUrl("postgres", db),
                    () -> execute(admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"));
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /** The machine's PostgreSQL: one schema per catalog, chosen with {@code currentSchema}. */
    record ServerPostgres(String url) implements CatalogTarget {
        @Override
        public String name() {
            return "postgresql-server";
        }

        @Override
        public TestCatalog create() {
            String schema =
                    "dsq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute(url, "CREATE SCHEMA " + schema);
            String catalogUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new Fresh(catalogUrl, () -> execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The machine's MariaDB or MySQL: one database per catalog. */
    record ServerMariaDb(String url) implements CatalogTarget {
        @Override
        public String name() {
            return "mariadb-server";
        }

        @Override
        public TestCatalog create() {
            String db = "dsq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute(url, "CREATE DATABASE " + db);
            // Swap the database name in jdbc:mariadb://host:port/<db>?params.
            int slash = url.indexOf('/', url.indexOf("//") + 2);
            int query = url.indexOf('?', slash);
            String catalogUrl = url.substring(0, slash + 1) + db + (query < 0 ? "" : url.substring(query));
            return new Fresh(catalogUrl, () -> execute(url, "DROP DATABASE IF EXISTS " + db));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private record Fresh(String jdbcUrl, Runnable drop) implements CatalogTarget.TestCatalog {
        @Override
        public void close() {
            drop.run();
        }
    }

    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One embedded PostgreSQL per test JVM, stopped at exit. */
    static final class EmbeddedPg {
        private static EmbeddedPostgres instance;

        static synchronized EmbeddedPostgres instance() {
            if (instance == null) {
                try {
                    instance = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start embedded PostgreSQL", e);
                }
                EmbeddedPostgres started = instance;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // The JVM is exiting; the data directory is temporary.
                    }
                }));
            }
            return instance;
        }
    }
}
