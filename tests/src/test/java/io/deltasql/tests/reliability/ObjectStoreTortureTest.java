package io.deltasql.tests.reliability;

import static io.deltasql.tests.reliability.ConcurrencyTortureTest.OPS_PER_WRITER;
import static io.deltasql.tests.reliability.ConcurrencyTortureTest.WRITERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.stores.S3TestServer;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault-free torture with every table on S3 (a real S3 server): writers in their own JVMs
 * commit through {@code jdbc:deltasql:} with the S3A settings in their URL, each mirroring to the
 * bucket. Afterwards the checker finds no lost, duplicated or half-written commit, nothing is left
 * pending, and Delta Kernel reading each log from the bucket agrees with the catalog at every version.
 */
class ObjectStoreTortureTest {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void writersAndReadersOnS3Tables() throws Exception {
        S3TestServer s3 = S3TestServer.shared();
        String bucket =
                "torture-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        s3.createBucket(bucket);
        Map<String, String> settings = Map.of(
                "fs.s3a.endpoint", s3.endpoint().toString(),
                "fs.s3a.access.key", s3.accessKey(),
                "fs.s3a.secret.key", s3.secretKey(),
                "fs.s3a.path.style.access", "true",
                "fs.s3a.endpoint.region", s3.region());
        List<String> query = new ArrayList<>(List.of("poolSize=3"));
        settings.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        Path dir = RunDirs.fresh("torture-s3");
        CatalogTarget target = CatalogTargets.EMBEDDED_POSTGRES;
        try (CatalogTarget.TestCatalog db = target.create();
                DeltaCatalog catalog = db.open(b -> {
                    b.poolSize(4);
                    settings.forEach(b::storageSetting);
                })) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            TortureWriters.createTables(catalog, "s3://" + bucket + "/torture");
            TortureJournal journal;
            try (TortureWriters writers = TortureWriters.start(
                    dir, TortureWriters.driverUrl(db.jdbcUrl(), String.join("&", query)), WRITERS, OPS_PER_WRITER)) {
                writers.awaitAll(240);
                journal = writers.journal();
            }
            mirror.awaitIdle();

            TortureChecker checker = new TortureChecker(false);
            checker.check(catalog, TortureWriters.TABLES, journal);
            System.out.printf(
                    "RELIABILITY torture-s3 writers=%d ops=%d acked=%d failed=%d failed_landed=%d reads=%d versions=%d"
                            + " anomalies=%d%n",
                    WRITERS,
                    WRITERS * OPS_PER_WRITER,
                    checker.acked,
                    checker.unknown,
                    checker.unknownLanded,
                    checker.readsChecked,
                    checker.versions,
                    checker.anomalies.size());
            assertThat(KnownIssues.unknown("torture-s3", checker.anomalies))
                    .as("anomalies")
                    .isEmpty();
            assertThat(checker.acked).as("operations acknowledged").isGreaterThan(WRITERS * OPS_PER_WRITER / 2);
            assertThat(catalog.pendingMirrors()).as("versions left unmirrored").isEmpty();
            TableVerifier verifier = new TableVerifier(catalog);
            for (String table : TortureWriters.TABLES) {
                VerifyReport report = verifier.verify(table, true);
                assertThat(report.differences()).as(report.render()).isEmpty();
            }
        }
    }
}
