package io.deltasql.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A statement execution reads each table at one version with one head lookup, and only while it
 * runs: commits made elsewhere (here by a second catalog, as another process would) are seen by
 * the next execution, and by reads outside any execution at once.
 */
class StatementSnapshotsTest {
    @Test
    void anExecutionReadsEachTableAtOneVersionAndOnlyWhileItRuns() throws Exception {
        try (CatalogTarget.TestCatalog db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open();
                DeltaCatalog elsewhere = db.open()) {
            catalog.createTable(Fixtures.table("snapshots_t"));
            DeltaSession session = new DeltaSession(catalog);
            try (DeltaSession.StatementScope execution = session.beginStatement()) {
                assertThat(session.view("snapshots_t").version()).isZero();
                elsewhere.commit(CommitRequest.builder("snapshots_t", 0)
                        .add(Fixtures.add("a"))
                        .build());
                assertThat(session.view("snapshots_t").version())
                        .as("the version the execution read first")
                        .isZero();
                assertThat(session.snapshot("snapshots_t").version()).isZero();
                try (DeltaSession.StatementScope nested = session.beginStatement()) {
                    assertThat(session.view("snapshots_t").version()).isZero();
                }
                assertThat(session.view("snapshots_t").version())
                        .as("closing a nested scope ends nothing")
                        .isZero();
                long otherThread = CompletableFuture.supplyAsync(
                                () -> session.view("snapshots_t").version())
                        .get();
                assertThat(otherThread)
                        .as("another thread is not in this execution")
                        .isEqualTo(1L);
            }
            assertThat(session.view("snapshots_t").version())
                    .as("the next read looks the head up again")
                    .isEqualTo(1L);
            elsewhere.commit(CommitRequest.builder("snapshots_t", 1)
                    .add(Fixtures.add("b"))
                    .build());
            assertThat(session.view("snapshots_t").version())
                    .as("outside an execution every read does")
                    .isEqualTo(2L);
            try (DeltaSession.StatementScope next = session.beginStatement()) {
                assertThat(session.view("snapshots_t").version()).isEqualTo(2L);
            }
        }
    }

    @Test
    void aTransactionKeepsTheVersionsItPinnedWhateverTheExecution() throws Exception {
        try (CatalogTarget.TestCatalog db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("snapshots_t"));
            DeltaSession session = new DeltaSession(catalog);
            session.setAutoCommit(false);
            assertThat(session.view("snapshots_t").version()).isZero();
            catalog.commit(CommitRequest.builder("snapshots_t", 0)
                    .add(Fixtures.add("a"))
                    .build());
            try (DeltaSession.StatementScope execution = session.beginStatement()) {
                assertThat(session.view("snapshots_t").version())
                        .as("pinned by the transaction")
                        .isZero();
            }
            session.rollback();
            try (DeltaSession.StatementScope execution = session.beginStatement()) {
                assertThat(session.view("snapshots_t").version())
                        .as("a new transaction pins the latest")
                        .isEqualTo(1L);
            }
        }
    }
}
