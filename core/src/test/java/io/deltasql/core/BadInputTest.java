package io.deltasql.core;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a clear typed error naming the table (and version) and leaves the
 * catalog exactly as it was: each case compares a full dump of the catalog before and after.
 */
class BadInputTest {

    /** Runs {@code call}, expects {@code type} with a message containing {@code fragments}, and checks nothing changed. */
    private static void rejected(
            CatalogTarget.TestCatalog db, ThrowingCallable call, Class<? extends Throwable> type, String... fragments) {
        String before = CatalogDump.of(db.jdbcUrl());
        var thrown = assertThatThrownBy(call).isInstanceOf(type);
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
        assertThat(CatalogDump.of(db.jdbcUrl()))
                .as("catalog unchanged after %s", type.getSimpleName())
                .isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void tableDefinitionErrors(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.partitioned("t"));
            catalog.commit(
                    CommitRequest.builder("t", 0).add(add("eu/a.parquet", "eu")).build());

            rejected(
                    db,
                    () -> catalog.createTable(Fixtures.table("t")),
                    TableAlreadyExistsException.class,
                    "'t'",
                    "already exists");
            rejected(
                    db,
                    () -> catalog.createTable(new CreateTableRequest("bad", Fixtures.location("bad"), "{not json")),
                    InvalidRequestException.class,
                    "'bad'",
                    "not valid JSON");
            rejected(
                    db,
                    () -> catalog.createTable(
                            new CreateTableRequest("bad", Fixtures.location("bad"), "{\"type\":\"array\"}")),
                    InvalidRequestException.class,
                    "'bad'",
                    "struct");
            rejected(
                    db,
                    () -> catalog.createTable(new CreateTableRequest(
                            "bad",
                            Fixtures.location("bad"),
                            "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"long\",\"nullable\":true},"
                                    + "{\"name\":\"A\",\"type\":\"long\",\"nullable\":true}]}")),
                    InvalidRequestException.class,
                    "appears twice");
            rejected(
                    db,
                    () -> catalog.createTable(new CreateTableRequest(
                            "bad", Fixtures.location("bad"), Fixtures.SCHEMA, List.of("country"), Map.of())),
                    InvalidRequestException.class,
                    "'bad'",
                    "country");
            rejected(
                    db,
                    () -> catalog.createTable(new CreateTableRequest("bad", "relative/path", Fixtures.SCHEMA)),
                    InvalidRequestException.class,
                    "'bad'",
                    "absolute");
            rejected(
                    db,
                    () -> catalog.createTable(new CreateTableRequest("a$b", Fixtures.location("x"), Fixtures.SCHEMA)),
                    InvalidRequestException.class,
                    "'$'");
            rejected(
                    db,
                    () -> catalog.createTable(new CreateTableRequest("", Fixtures.location("x"), Fixtures.SCHEMA)),
                    InvalidRequestException.class,
                    "name");
            rejected(
                    db,
                    () -> catalog.createTable(
                            new CreateTableRequest("a\u0000b", Fixtures.location("x"), Fixtures.SCHEMA)),
                    InvalidRequestException.class,
                    "control");
            rejected(
                    db,
                    () -> catalog.createTable(
                            new CreateTableRequest("x".repeat(300), Fixtures.location("x"), Fixtures.SCHEMA)),
                    InvalidRequestException.class,
                    "table name is 300 characters; the limit is 255");
            rejected(
                    db,
                    () -> catalog.createTable(new CreateTableRequest(
                            "bad",
                            Fixtures.location("bad"),
                            Fixtures.SCHEMA,
                            List.of(),
                            Map.of("delta.checkpointInterval", "zero"))),
                    InvalidRequestException.class,
                    "checkpointInterval");
            rejected(db, () -> catalog.dropTable("missing"), TableNotFoundException.class, "'missing'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void commitErrors(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.partitioned("t"));
            catalog.createTable(Fixtures.table("other"));
            catalog.commit(
                    CommitRequest.builder("t", 0).add(add("eu/a.parquet", "eu")).build());

            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("missing", 0)
                            .add(add("a.parquet"))
                            .build()),
                    TableNotFoundException.class,
                    "'missing'");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1).build()),
                    InvalidRequestException.class,
                    "'t'",
                    "at least one action");
            // A read version the table does not have yet.
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 7)
                            .add(add("eu/b.parquet", "eu"))
                            .build()),
                    VersionNotFoundException.class,
                    "'t'",
                    "7",
                    "latest is 1");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", -1)
                            .add(add("eu/b.parquet", "eu"))
                            .build()),
                    InvalidRequestException.class,
                    ">= 0");
            // Removing a file that is not active (never added, or already removed) is refused, not ignored.
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(remove("eu/ghost.parquet"))
                            .build()),
                    InvalidRequestException.class,
                    "'t'",
                    "eu/ghost.parquet",
                    "not an active file at version 1");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add("x.parquet", "eu"))
                            .add(add("x.parquet", "eu"))
                            .build()),
                    InvalidRequestException.class,
                    "added twice");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add("eu/a.parquet", "eu"))
                            .add(remove("eu/a.parquet"))
                            .build()),
                    InvalidRequestException.class,
                    "both added and removed");
            // Partition values must name exactly the partition columns.
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add("plain.parquet"))
                            .build()),
                    InvalidRequestException.class,
                    "plain.parquet",
                    "region");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(new AddFile("p.parquet", Map.of("region", "eu", "country", "fr"), 1, 1, true, null))
                            .build()),
                    InvalidRequestException.class,
                    "unknown partition column",
                    "country");
            // A protocol newer than supported, an unknown feature, a downgrade.
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(new Protocol(4, 8))
                            .build()),
                    UnsupportedProtocolException.class,
                    "'t'",
                    "reader 4");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(new Protocol(3, 7, List.of("futureFeature"), List.of("futureFeature"), Map.of()))
                            .build()),
                    UnsupportedProtocolException.class,
                    "futureFeature");
            catalog.commit(CommitRequest.builder("t", 1).add(new Protocol(1, 4)).build());
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 2)
                            .add(new Protocol(1, 2))
                            .build()),
                    InvalidRequestException.class,
                    "downgrade");
            // Metadata: a different table id, a broken schema.
            Metadata m = catalog.snapshot("t").metadata();
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 2)
                            .add(new Metadata(
                                    "other-id",
                                    null,
                                    null,
                                    m.format(),
                                    m.schemaString(),
                                    m.partitionColumns(),
                                    Map.of(),
                                    null,
                                    Map.of()))
                            .build()),
                    InvalidRequestException.class,
                    "id");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 2)
                            .add(new Metadata(
                                    m.id(),
                                    null,
                                    null,
                                    m.format(),
                                    "[]",
                                    m.partitionColumns(),
                                    Map.of(),
                                    null,
                                    Map.of()))
                            .build()),
                    InvalidRequestException.class,
                    "schema");
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 2)
                            .add(add("eu/" + "p".repeat(40_000), "eu"))
                            .build()),
                    InvalidRequestException.class,
                    "'t'",
                    "file path is 40003 characters; the limit is 32768");
            try (CloseableIterator<AddFile> none =
                    catalog.snapshot("t").streamFiles(FileFilter.ALL.withPaths(Set.of("eu/" + "p".repeat(40_000))))) {
                assertThat(none.hasNext()).as("no file has a path that long").isFalse();
            }
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 2)
                            .add(new Metadata(
                                    m.id(),
                                    null,
                                    null,
                                    m.format(),
                                    "{oops",
                                    m.partitionColumns(),
                                    Map.of(),
                                    null,
                                    Map.of()))
                            .build()),
                    InvalidRequestException.class,
                    "'t'",
                    "not valid JSON");
            // An action given as JSON without path or size.
            rejected(
                    db,
                    () -> CommitRequest.builder("t", 2)
                            .actionJson(
                                    "{\"add\":{\"size\":1,\"partitionValues\":{},\"modificationTime\":1,\"dataChange\":true}}"),
                    InvalidRequestException.class,
                    "'t'",
                    "path");
            rejected(
                    db,
                    () -> CommitRequest.builder("t", 2)
                            .actionJson(
                                    "{\"add\":{\"path\":\"a\",\"partitionValues\":{},\"modificationTime\":1,\"dataChange\":true}}"),
                    InvalidRequestException.class,
                    "'t'",
                    "size");
            // A multi-table commit with one bad table commits nothing anywhere.
            rejected(
                    db,
                    () -> catalog.commitAll(List.of(
                            CommitRequest.builder("other", 0)
                                    .add(add("o.parquet"))
                                    .build(),
                            CommitRequest.builder("t", 2)
                                    .add(remove("eu/ghost.parquet"))
                                    .build())),
                    InvalidRequestException.class,
                    "ghost");
            rejected(
                    db,
                    () -> catalog.commitAll(List.of(
                            CommitRequest.builder("other", 0)
                                    .add(add("o.parquet"))
                                    .build(),
                            CommitRequest.builder("nope", 0)
                                    .add(add("o.parquet"))
                                    .build())),
                    TableNotFoundException.class,
                    "'nope'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void appendOnlyTablesRefuseDataRemoval(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(new CreateTableRequest(
                    "log", Fixtures.location("log"), Fixtures.SCHEMA, List.of(), Map.of("delta.appendOnly", "true")));
            catalog.commit(CommitRequest.builder("log", 0).add(add("a.parquet")).build());
            rejected(
                    db,
                    () -> catalog.commit(CommitRequest.builder("log", 1)
                            .add(remove("a.parquet"))
                            .build()),
                    InvalidRequestException.class,
                    "append-only");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void readErrors(CatalogTarget target) {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            catalog.createTable(Fixtures.table("t"));
            rejected(db, () -> catalog.snapshot("missing"), TableNotFoundException.class, "'missing'");
            rejected(db, () -> catalog.snapshotAt("t", 5), VersionNotFoundException.class, "'t'", "version 5");
            rejected(db, () -> catalog.snapshotAt("t", -1), VersionNotFoundException.class, "-1");
            rejected(db, () -> catalog.history("missing"), TableNotFoundException.class, "'missing'");
            rejected(db, () -> catalog.actions("t", 3), VersionNotFoundException.class, "version 3");
        }
    }

    @Test
    void unreachableCatalogsNameTheUrlButNeverThePassword() {
        String[] urls = {
            "jdbc:postgresql://127.0.0.1:1/catalog?user=deltasql&password=s3cret-pw",
            "jdbc:mariadb://127.0.0.1:1/catalog?user=deltasql&password=s3cret-pw",
            "jdbc:deltasql:mysql://127.0.0.1:1/catalog?user=deltasql&password=s3cret-pw",
        };
        for (String url : urls) {
            assertThatThrownBy(() -> DeltaCatalog.open(CatalogConfig.builder(url)
                            .connectionTimeout(Duration.ofMillis(500))
                            .validationTimeout(Duration.ofMillis(250))
                            .build()))
                    .isInstanceOfSatisfying(CatalogUnavailableException.class, e -> {
                        assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("s3cret-pw");
                        assertThat(e.sqlState()).isEqualTo("08001");
                    });
        }
        assertThatThrownBy(() -> DeltaCatalog.open(CatalogConfig.builder("jdbc:postgresql://127.0.0.1:1/catalog")
                        .user("deltasql")
                        .password("s3cret-pw")
                        .connectionTimeout(Duration.ofMillis(500))
                        .validationTimeout(Duration.ofMillis(250))
                        .build()))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> DeltaCatalog.open(CatalogConfig.builder("jdbc:sqlite:/nonexistent-dir/sub/catalog.db")
                        .build()))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("/nonexistent-dir/sub/catalog.db");
    }
}
