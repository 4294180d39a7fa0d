package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Concurrent committers (in one process, and two processes' mirrors) leave a complete log, written in order. */
class ConcurrentMirrorTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void concurrentBlindAppendsAreAllMirrored(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        // Two catalogs on one database, each with its own mirror: like two deltasql servers.
        try (var db = target.create();
                DeltaCatalog a = db.open();
                DeltaCatalog b = db.open()) {
            DeltaLogMirror.install(a);
            DeltaLogMirror mirrorB = DeltaLogMirror.install(b);
            a.createTable(partitioned("events", location, Map.of("delta.checkpointInterval", "5")));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    DeltaCatalog catalog = t % 2 == 0 ? a : b;
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            catalog.commit(CommitRequest.builder("events", 0)
                                    .add(add("region=eu/t" + thread + "-" + i + ".parquet", "eu"))
                                    .build());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(a.table("events").headVersion()).isEqualTo(20);
            // Each server records its own written versions, in batches: b's last ones are recorded when it flushes.
            mirrorB.flush();
            assertThat(a.mirrorStatus("events").pending()).isEmpty();
            assertThat(a.mirrorStatus("events").blocked()).isFalse();
            for (long v = 0; v <= 20; v++) {
                assertMirrored(a, "events", location, v);
            }
            assertKernelAgreesAtEveryVersion(a, "events", location);
        }
    }
}
