package io.deltasql.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.mirror.DeltaLogMirror;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalog database itself stopped and started again under load: {@value #WRITERS}
 * {@link TortureWriter} processes (autocommit inserts, multi-table transactions, deletes,
 * time-travel reads through {@code jdbc:deltasql:}) run against an embedded PostgreSQL of its own,
 * which is stopped {@value #RESTARTS} times mid-stream, kept down {@value #DOWN_MILLIS} ms (longer
 * than the writers' 2 s connection timeout, so operations begun meanwhile fail as well as those in
 * flight) and started again on the same data and port.
 *
 * <p>Every error must be class 08 (or 40001), the writers must finish (no hang), keep their one
 * JDBC connection each and get operations acknowledged after the last restart — the pools recover
 * by themselves — and then {@link TortureChecker} checks the catalog and the mirrored logs against
 * their journals, using this JVM's catalog, which lived through the restarts too. While the
 * database is down, this JVM's catalog must fail with 08001 rather than wait. Prints one
 * {@code RELIABILITY restart …} line.
 */
class CatalogRestartTest {
    static final int WRITERS = 3;
    static final int OPS_PER_WRITER = 40;
    static final int RESTARTS = 2;
    static final long DOWN_MILLIS = 4000;
    /** Acknowledged operations between restarts: each stop hits writers in full swing. */
    static final int ACKS_BETWEEN_RESTARTS = 12;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void catalogDatabaseStoppedAndStartedAgainUnderLoad() throws Exception {
        Path dir = RunDirs.fresh("restart");
        try (RestartablePostgres pg = RestartablePostgres.start(dir.resolve("pgdata"));
                DeltaCatalog catalog = DeltaCatalog.open(CatalogConfig.builder(pg.jdbcUrl())
                        .poolSize(4)
                        .connectionTimeout(Duration.ofSeconds(2))
                        .validationTimeout(Duration.ofSeconds(1))
                        .build())) {
            DeltaLogMirror.install(catalog);
            TortureWriters.createTables(catalog, dir);
            String url = TortureWriters.driverUrl(
                    pg.jdbcUrl(), "poolSize=3&connectionTimeoutMs=2000&validationTimeoutMs=1000");
            List<String> whileDown = new ArrayList<>();
            int restarts = 0;
            int ackedAtLastRestart = 0;
            long started = System.nanoTime();
            TortureJournal journal;
            try (TortureWriters writers = TortureWriters.start(dir, url, WRITERS, OPS_PER_WRITER)) {
                for (int r = 0; r < RESTARTS; r++) {
                    if (!awaitAcks(writers, writers.acks() + ACKS_BETWEEN_RESTARTS)) {
                        break;
                    }
                    long down = System.nanoTime();
                    pg.stop();
                    whileDown.add(probe(catalog));
                    TimeUnit.NANOSECONDS.sleep(
                            Math.max(0, TimeUnit.MILLISECONDS.toNanos(DOWN_MILLIS) - (System.nanoTime() - down)));
                    pg.startAgain();
                    restarts++;
                    ackedAtLastRestart = writers.acks();
                }
                writers.awaitAll(240);
                journal = writers.journal();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            int ackedAfterRestart =
                    (int) journal.ops.values().stream().filter(o -> o.acked).count() - ackedAtLastRestart;

            TortureChecker checker = new TortureChecker(true);
            checker.check(catalog, TortureWriters.TABLES, journal);
            System.out.printf(
                    "RELIABILITY restart target=embedded-postgresql writers=%d ops=%d restarts=%d down_ms=%d acked=%d "
                            + "acked_after_last_restart=%d unknown=%d unknown_landed=%d reads=%d versions=%d connects=%d errors=%s "
                            + "while_down=%s anomalies=%d millis=%d%n",
                    WRITERS,
                    WRITERS * OPS_PER_WRITER,
                    restarts,
                    DOWN_MILLIS,
                    checker.acked,
                    ackedAfterRestart,
                    checker.unknown,
                    checker.unknownLanded,
                    checker.readsChecked,
                    checker.versions,
                    journal.connects,
                    checker.errorStates.toString().replace(" ", ""),
                    whileDown,
                    checker.anomalies.size(),
                    millis);
            checker.samples.forEach((state, message) -> System.out.println("SAMPLE restart " + state + ": " + message));
            assertThat(KnownIssues.unknown("restart", checker.anomalies))
                    .as("anomalies")
                    .isEmpty();
            assertThat(restarts).as("restarts while the writers were running").isEqualTo(RESTARTS);
            assertThat(whileDown)
                    .as("this JVM's catalog while the database was down")
                    .containsOnly("08001");
            assertThat(ackedAfterRestart)
                    .as("operations acknowledged after the last restart: the pools recovered")
                    .isPositive();
            assertThat(journal.connects)
                    .as("JDBC connections opened: one per writer, none replaced")
                    .isEqualTo(WRITERS);
        }
    }

    /** Waits until the writers have {@code acks} acknowledged operations; false if they all finished first. */
    private static boolean awaitAcks(TortureWriters writers, int acks) throws InterruptedException {
        while (writers.acks() < acks) {
            if (!writers.anyRunning()) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return writers.anyRunning();
    }

    /** A catalog call while the database is down: the SQLState it failed with (or "answered"). */
    private static String probe(DeltaCatalog catalog) {
        try {
            catalog.listTables();
            return "answered";
        } catch (DeltaSqlException e) {
            return e.sqlState();
        }
    }
}
