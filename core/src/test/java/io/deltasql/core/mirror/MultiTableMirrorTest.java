package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.MultiTableTransaction;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The tables of one atomic commit are mirrored in parallel, every file in place when the commit returns. */
class MultiTableMirrorTest {
    private static final int TABLES = 10;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void everyTablesFileIsInItsLogWhenTheCommitReturns(CatalogTarget target, @TempDir Path dir) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            for (int t = 0; t < TABLES; t++) {
                catalog.createTable(partitioned("t" + t, dir.resolve("t" + t), Map.of()));
            }
            assertThat(catalog.mirrorStatus("t3").mirroredVersion()).isZero();
            // A file where one table's log directory should be: that table's version stays pending, the others are
            // written.
            Files.createDirectories(dir.resolve("t3"));
            Path blocker = dir.resolve("t3").resolve("_delta_log");
            Files.move(blocker, dir.resolve("t3-log-aside"));
            Files.writeString(blocker, "not a directory");

            for (int round = 1; round <= 3; round++) {
                MultiTableTransaction txn = catalog.beginTransaction();
                for (int t = 0; t < TABLES; t++) {
                    txn.stage(CommitRequest.builder(
                                    "t" + t, catalog.snapshot("t" + t).version())
                            .add(add("region=eu/r" + round + "-" + t + ".parquet", "eu"))
                            .build());
                }
                txn.commit();
                for (int t = 0; t < TABLES; t++) {
                    if (t != 3) {
                        assertMirrored(catalog, "t" + t, dir.resolve("t" + t), round);
                    }
                }
            }
            assertThat(catalog.mirrorStatus("t3").pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(1L, 2L, 3L);

            Files.delete(blocker);
            Files.move(dir.resolve("t3-log-aside"), blocker);
            assertThat(new MirrorReconciler(catalog).reconcile()).isEqualTo(3);
            for (int t = 0; t < TABLES; t++) {
                MirrorStatus s = catalog.mirrorStatus("t" + t);
                assertThat(s.pending()).as("t%d", t).isEmpty();
                assertThat(s.mirroredVersion()).as("t%d", t).isEqualTo(3);
                assertKernelAgreesAtEveryVersion(catalog, "t" + t, dir.resolve("t" + t));
            }
        }
    }
}
