package io.deltasql.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Concurrency torture with faults: {@value #WRITERS} writer processes ({@link TortureWriter}, a JVM
 * each, through {@code jdbc:deltasql:}) share one catalog and do {@value #OPS_PER_WRITER} operations
 * each — autocommit inserts, multi-table transactions over overlapping sets of 4 tables, deletes,
 * time-travel reads — while this JVM kills their catalog connections in a loop (PostgreSQL
 * {@code pg_terminate_backend}, MariaDB {@code KILL}), mostly those in the middle of a statement or
 * transaction. Then {@link TortureChecker} checks the catalog and the mirrored logs against the
 * writers' journals.
 *
 * <p>Runs against embedded PostgreSQL always, and against the machine's PostgreSQL and MariaDB when
 * {@code DELTASQL_TEST_PG_URL} / {@code DELTASQL_TEST_MYSQL_URL} name them (skipped with a notice
 * otherwise). Prints one {@code RELIABILITY torture …} line of figures per run. {@link FaultFreeTortureTest}
 * runs the same writers and checker with nothing killed.
 */
class ConcurrencyTortureTest {
    static final int WRITERS = 3;
    static final int OPS_PER_WRITER = 30;
    private static final List<String> TABLES = TortureWriters.TABLES;

    static Stream<String> targets() {
        // -Dreliability.only=<name> narrows a run to one catalog database while working on it.
        String only = System.getProperty("reliability.only", "");
        return Stream.of("embedded-postgresql", "postgresql-server", "mariadb-server")
                .filter(n -> only.isEmpty() || only.equals(n));
    }

    static CatalogTarget target(String name) {
        Optional<CatalogTarget> t =
                CatalogTargets.all().filter(c -> c.name().equals(name)).findFirst();
        Assumptions.assumeTrue(
                t.isPresent(),
                () -> "skipping " + name + ": set "
                        + (name.startsWith("maria") ? CatalogTargets.MYSQL_ENV : CatalogTargets.PG_ENV)
                        + " to run it (CI does)");
        return t.get();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void writersAndReadersWhileCatalogConnectionsAreKilled(String targetName) throws Exception {
        CatalogTarget target = target(targetName);
        boolean postgres = targetName.contains("postgres");
        String app = "dsqtorture" + UUID.randomUUID().toString().substring(0, 8);
        // Kept after the run (journals, writer output, tables) for a look when something was found.
        Path dir = RunDirs.fresh("torture-" + targetName);
        try (CatalogTarget.TestCatalog db = target.create();
                DeltaCatalog catalog = db.open(b -> b.poolSize(4))) {
            DeltaLogMirror.install(catalog);
            TortureWriters.createTables(catalog, dir);
            String url =
                    TortureWriters.driverUrl(db.jdbcUrl(), "poolSize=3" + (postgres ? "&ApplicationName=" + app : ""));
            AtomicBoolean stop = new AtomicBoolean();
            FaultInjector faults = new FaultInjector(db.jdbcUrl(), postgres, app, stop);
            Thread injector = new Thread(faults, "fault-injector");
            long started = System.nanoTime();
            TortureJournal journal;
            try (TortureWriters writers = TortureWriters.start(dir, url, WRITERS, OPS_PER_WRITER)) {
                injector.start();
                writers.awaitAll(180);
                journal = writers.journal();
            } finally {
                stop.set(true);
                injector.join(30_000);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            TortureChecker checker = new TortureChecker(true);
            checker.check(catalog, TABLES, journal);
            System.out.printf(
                    "RELIABILITY torture target=%s writers=%d ops=%d acked=%d unknown=%d unknown_landed=%d reads=%d "
                            + "versions=%d kills=%d kills_busy=%d kill_rounds=%d errors=%s anomalies=%d millis=%d%n",
                    targetName,
                    WRITERS,
                    WRITERS * OPS_PER_WRITER,
                    checker.acked,
                    checker.unknown,
                    checker.unknownLanded,
                    checker.readsChecked,
                    checker.versions,
                    faults.killed.get(),
                    faults.killedBusy.get(),
                    faults.rounds.get(),
                    checker.errorStates.toString().replace(" ", ""),
                    checker.anomalies.size(),
                    millis);
            checker.samples.forEach((state, message) ->
                    System.out.println("SAMPLE torture " + targetName + " " + state + ": " + message));
            assertThat(KnownIssues.unknown("torture " + targetName, checker.anomalies))
                    .as("anomalies")
                    .isEmpty();
            assertThat(checker.acked).as("some operations succeeded").isGreaterThan(WRITERS * OPS_PER_WRITER / 4);
        }
    }

    /**
     * Kills the writers' catalog connections until told to stop: every round (250 ms) those in the
     * middle of a statement or transaction, every eighth round all of them. Counts what it killed.
     */
    static final class FaultInjector implements Runnable {
        private final String adminUrl;
        private final boolean postgres;
        private final String app;
        private final AtomicBoolean stop;
        final AtomicInteger killed = new AtomicInteger();
        final AtomicInteger killedBusy = new AtomicInteger();
        final AtomicInteger rounds = new AtomicInteger();
        final List<String> errors = new ArrayList<>();

        FaultInjector(String adminUrl, boolean postgres, String app, AtomicBoolean stop) {
            this.adminUrl = adminUrl;
            this.postgres = postgres;
            this.app = app;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (Connection c = DriverManager.getConnection(adminUrl)) {
                // Let the writers start up and make some progress first.
                sleep(3000);
                for (int round = 1; !stop.get(); round++) {
                    boolean all = round % 8 == 0;
                    try {
                        if (postgres) {
                            killPostgres(c, all);
                        } else {
                            killMariaDb(c, all);
                        }
                    } catch (SQLException e) {
                        errors.add(e.toString());
                    }
                    rounds.incrementAndGet();
                    sleep(250);
                }
            } catch (SQLException e) {
                errors.add(e.toString());
            }
        }

        private void killPostgres(Connection c, boolean all) throws SQLException {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT pid, state FROM pg_stat_activity WHERE application_name = ?"
                            + " AND pid <> pg_backend_pid()" + (all ? "" : " AND state <> 'idle'"))) {
                s.setString(1, app);
                List<long[]> victims = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        victims.add(new long[] {rs.getLong(1), "idle".equals(rs.getString(2)) ? 0 : 1});
                    }
                }
                for (long[] v : victims) {
                    try (PreparedStatement k = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        k.setInt(1, (int) v[0]);
                        try (ResultSet rs = k.executeQuery()) {
                            if (rs.next() && rs.getBoolean(1)) {
                                killed.incrementAndGet();
                                killedBusy.addAndGet((int) v[1]);
                            }
                        }
                    }
                }
            }
        }

        private void killMariaDb(Connection c, boolean all) throws SQLException {
            List<long[]> victims = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT id, command FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()"
                                    + (all ? "" : " AND command <> 'Sleep'"))) {
                while (rs.next()) {
                    victims.add(new long[] {rs.getLong(1), "Sleep".equals(rs.getString(2)) ? 0 : 1});
                }
            }
            for (long[] v : victims) {
                try (Statement k = c.createStatement()) {
                    k.execute("KILL " + v[0]);
                    killed.incrementAndGet();
                    killedBusy.addAndGet((int) v[1]);
                } catch (SQLException gone) {
                    // The connection ended on its own meanwhile.
                }
            }
        }

        private void sleep(long millis) {
            long end = System.currentTimeMillis() + millis;
            while (!stop.get() && System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
