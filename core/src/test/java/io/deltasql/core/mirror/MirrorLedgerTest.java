package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitListener;
import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorLedger;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mirror's bookkeeping goes to the catalog's ledger, which only reads and records: it never
 * calls back into the commit listeners. The catalog's own mirror status reads have the listeners
 * record what they deferred first.
 */
class MirrorLedgerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void theLedgerReadsWhatIsRecordedWithoutFlushingListenersAndTheCatalogFlushesThemFirst(
            CatalogTarget target, @TempDir Path dir) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            AtomicInteger flushes = new AtomicInteger();
            catalog.addCommitListener(new CommitListener() {
                @Override
                public void committed(List<CommitResult> results) {}

                @Override
                public void flush() {
                    flushes.incrementAndGet();
                }
            });
            catalog.createTable(partitioned("events", dir.resolve("events"), Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            TableInfo table = catalog.table("events");
            MirrorLedger ledger = catalog.mirrorLedger();

            assertThat(ledger.status(table).pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(0L, 1L);
            assertThat(ledger.pending())
                    .extracting(MirrorStatus.PendingVersion::version)
                    .containsExactly(0L, 1L);
            assertThat(flushes).as("ledger reads flush nothing").hasValue(0);
            assertThat(catalog.mirrorStatus("events").pending()).hasSize(2);
            assertThat(catalog.pendingMirrors()).hasSize(2);
            assertThat(flushes)
                    .as("each catalog read flushes the listeners first")
                    .hasValue(2);

            ledger.markMirrored(List.of(new MirrorStatus.Mark(table.id(), "events", 0)));
            ledger.markMirrorFailed(table, 1, "disk full");
            MirrorStatus status = ledger.status(table);
            assertThat(status.mirroredVersion()).isZero();
            assertThat(status.pending())
                    .singleElement()
                    .satisfies(p -> assertThat(p.lastError()).isEqualTo("disk full"));
            assertThat(status.blocked()).isFalse();

            ledger.block(table, "an outside\0writer");
            assertThat(ledger.status(table).blockedReason())
                    .as("NUL stored as '?'")
                    .isEqualTo("an outside?writer");
            assertThat(flushes).hasValue(2);
        }
    }
}
