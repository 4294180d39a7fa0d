package io.deltasql.tests.reliability;

import static io.deltasql.tests.reliability.ConcurrencyTortureTest.OPS_PER_WRITER;
import static io.deltasql.tests.reliability.ConcurrencyTortureTest.WRITERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConcurrencyTortureTest}'s writers and checker without faults: the concurrency facts on
 * their own (versions contiguous, each acknowledged operation once, transactions all-or-nothing,
 * reader snapshots immutable, mirror and Kernel in agreement), and stricter — no class-08 error at
 * all, and an operation reported as failed (only 40001: the catalog stayed busy) must not have
 * landed. Runs on SQLite too (one file shared by the writer processes). Prints one
 * {@code RELIABILITY torture-nofault …} line per catalog.
 */
class FaultFreeTortureTest {
    static Stream<String> targets() {
        String only = System.getProperty("reliability.only", "");
        return Stream.of("sqlite", "embedded-postgresql", "postgresql-server", "mariadb-server")
                .filter(n -> only.isEmpty() || only.equals(n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void writersAndReadersWithoutFaults(String targetName) throws Exception {
        CatalogTarget target = ConcurrencyTortureTest.target(targetName);
        Path dir = RunDirs.fresh("torture-nofault-" + targetName);
        try (CatalogTarget.TestCatalog db = target.create();
                DeltaCatalog catalog = db.open(b -> b.poolSize(4))) {
            DeltaLogMirror.install(catalog);
            TortureWriters.createTables(catalog, dir);
            long started = System.nanoTime();
            TortureJournal journal;
            try (TortureWriters writers = TortureWriters.start(
                    dir, TortureWriters.driverUrl(db.jdbcUrl(), "poolSize=3"), WRITERS, OPS_PER_WRITER)) {
                writers.awaitAll(180);
                journal = writers.journal();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            TortureChecker checker = new TortureChecker(false);
            checker.check(catalog, TortureWriters.TABLES, journal);
            System.out.printf(
                    "RELIABILITY torture-nofault target=%s writers=%d ops=%d acked=%d failed=%d failed_landed=%d reads=%d "
                            + "versions=%d connects=%d errors=%s anomalies=%d millis=%d%n",
                    targetName,
                    WRITERS,
                    WRITERS * OPS_PER_WRITER,
                    checker.acked,
                    checker.unknown,
                    checker.unknownLanded,
                    checker.readsChecked,
                    checker.versions,
                    journal.connects,
                    checker.errorStates.toString().replace(" ", ""),
                    checker.anomalies.size(),
                    millis);
            checker.samples.forEach((state, message) ->
                    System.out.println("SAMPLE torture-nofault " + targetName + " " + state + ": " + message));
            assertThat(KnownIssues.unknown("torture-nofault " + targetName, checker.anomalies))
                    .as("anomalies")
                    .isEmpty();
            assertThat(checker.acked).as("operations acknowledged").isGreaterThan(WRITERS * OPS_PER_WRITER / 2);
            assertThat(journal.connects)
                    .as("JDBC connections opened: one per writer")
                    .isEqualTo(WRITERS);
        }
    }
}
