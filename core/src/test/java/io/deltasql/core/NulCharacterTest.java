package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.protocol.SetTransaction;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NUL character (U+0000) behaves alike on every catalog (K5): PostgreSQL cannot hold it in
 * text, so text the catalog stores or looks up as such is refused with 22023 everywhere (and was
 * reported as 08001, the catalog unavailable, on PostgreSQL before); values the catalog keeps inside
 * JSON (properties, partition values) hold it escaped and read back exactly everywhere.
 */
class NulCharacterTest {
    private static final String NUL = "a\u0000b";

    private static void refused(CatalogTarget.TestCatalog db, ThrowingCallable call, String... fragments) {
        String before = CatalogDump.of(db.jdbcUrl());
        var thrown = assertThatThrownBy(call)
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((DeltaSqlException) e).sqlState()).isEqualTo("22023"));
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
        assertThat(CatalogDump.of(db.jdbcUrl())).as("catalog unchanged").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void nulInCatalogTextIsInvalidInputOnEveryCatalog(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.partitioned("t"));
            // Look-ups by name: no table can have such a name, and the catalog is not unavailable.
            refused(db, () -> catalog.findTable(NUL), "NUL");
            refused(db, () -> catalog.snapshot(NUL), "NUL");
            refused(db, () -> catalog.history(NUL), "NUL");
            refused(db, () -> catalog.dropTable(NUL), "NUL");
            // Definitions and commits: refused before anything is written.
            refused(
                    db,
                    () -> catalog.createTable(new CreateTableRequest(NUL, Fixtures.location("n"), Fixtures.SCHEMA)),
                    "control characters");
            refused(
                    db,
                    () -> catalog.createTable(new CreateTableRequest("l", "/tmp/x" + NUL, Fixtures.SCHEMA)),
                    "'l'",
                    "NUL");
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 0)
                            .add(add("eu/op.parquet", "eu"))
                            .operation("OP" + NUL)
                            .build()),
                    "commit to [t]",
                    "NUL");
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 0)
                            .add(add("eu/txn.parquet", "eu"))
                            .add(new SetTransaction(NUL, 1L, null))
                            .build()),
                    "commit to [t]",
                    "NUL");
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 0)
                            .add(add("eu/" + NUL + ".parquet", "eu"))
                            .build()),
                    "'t'",
                    "control character");
            assertThat(catalog.table("t").headVersion()).isZero();

            // Inside JSON the character is escaped: it is stored and read back exactly, on every catalog.
            catalog.createTable(new CreateTableRequest(
                    "p", Fixtures.location("p"), Fixtures.SCHEMA, List.of("region"), Map.of("user.k", NUL)));
            catalog.commit(
                    CommitRequest.builder("p", 0).add(add("r/x.parquet", NUL)).build());
            Snapshot p = catalog.snapshot("p");
            assertThat(p.metadata().configuration()).containsEntry("user.k", NUL);
            assertThat(p.files())
                    .singleElement()
                    .satisfies(f -> assertThat(f.partitionValues()).containsEntry("region", NUL));
        }
    }
}
