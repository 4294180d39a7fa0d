package io.deltasql.core.location;

import static io.deltasql.core.testing.Fixtures.add;
import static io.deltasql.core.testing.Fixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.MultiTableTransaction;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddCdcFile;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where tables and their files may be: allowed locations, canonical locations without '..', one
 * directory per table, no table created over an existing log, and files inside the table's
 * directory. Every refusal leaves the catalog and every {@code _delta_log} as they were.
 */
class LocationRulesTest {
    @TempDir
    Path root;

    private static CreateTableRequest table(String name, String location) {
        return new CreateTableRequest(name, location, Fixtures.SCHEMA, List.of(), Map.of());
    }

    /** Expects {@code call} to fail with {@code sqlState} and the message fragments, the catalog and the logs under root unchanged. */
    private void refused(CatalogTarget.TestCatalog db, ThrowingCallable call, String sqlState, String... fragments) {
        String before = CatalogDump.of(db.jdbcUrl());
        Map<String, String> logsBefore = logs(root);
        var thrown = assertThatThrownBy(call).isInstanceOf(DeltaSqlException.class);
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
        thrown.extracting(e -> ((DeltaSqlException) e).sqlState()).isEqualTo(sqlState);
        assertThat(CatalogDump.of(db.jdbcUrl())).as("catalog unchanged").isEqualTo(before);
        assertThat(logs(root)).as("_delta_log files unchanged").isEqualTo(logsBefore);
    }

    /** Every file in every {@code _delta_log} under {@code dir}, with its content. */
    static Map<String, String> logs(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)
                        && p.getParent().getFileName().toString().equals("_delta_log")) {
                    files.put(dir.relativize(p).toString(), Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static DeltaLogMirror mirror(DeltaCatalog catalog) {
        return DeltaLogMirror.install(catalog);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void onlyAllowedLocationsHoldTables(CatalogTarget target) throws Exception {
        Path lake = root.resolve("lake");
        try (var db = target.create();
                DeltaCatalog catalog = db.open(
                        b -> b.allowedLocations(List.of(lake.toString(), "file:" + root.resolve("srv") + "/")))) {
            mirror(catalog).awaitIdle();
            catalog.createTable(table("inside", lake.resolve("inside").toString()));
            catalog.createTable(table("uri", "file://" + root.resolve("srv/uri")));
            refused(
                    db,
                    () -> catalog.createTable(
                            table("next", root.resolve("lakehouse/next").toString())),
                    "42501",
                    "'next'",
                    "outside the allowed locations",
                    "--allowed-locations");
            refused(db, () -> catalog.createTable(table("up", lake + "/../up")), "22023", "'up'", "'..'");
            refused(
                    db,
                    () -> catalog.createTable(table("enc", "file:" + lake + "/%2E%2E/enc")),
                    "22023",
                    "'enc'",
                    "'..'");
            refused(db, () -> catalog.createTable(table("tmp", "/tmp/deltasql-not-allowed")), "42501", "'tmp'");
            assertThat(catalog.listTables()).extracting(t -> t.name()).containsExactly("inside", "uri");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void noAllowedLocationsRefusesEveryLocationNamingTheOption(CatalogTarget target) throws Exception {
        Path source = root.resolve("source");
        try (var db = target.create()) {
            try (DeltaCatalog writer = db.open()) {
                mirror(writer);
                writer.createTable(table("source", source.toString()));
                writer.commit(
                        CommitRequest.builder("source", 0).add(add("a.parquet")).build());
                writer.dropTable("source");
            }
            try (DeltaCatalog catalog = db.open(b -> b.allowedLocations(List.of()))) {
                refused(
                        db,
                        () -> catalog.createTable(table("t", root.resolve("t").toString())),
                        "42501",
                        "allows no table locations",
                        "--allowed-locations");
                refused(
                        db,
                        () -> new DeltaLogImporter(catalog).importTable(source, "source", ImportProgress.NONE),
                        "42501",
                        "--allowed-locations");
                assertThat(catalog.listTables()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void eachTableHasADirectoryOfItsOwn(CatalogTarget target) throws Exception {
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            mirror(catalog).awaitIdle();
            Path a = root.resolve("a");
            catalog.createTable(table("a", a.toString()));
            refused(
                    db,
                    () -> catalog.createTable(table("same", a + "/")),
                    "22023",
                    "'same'",
                    "is the location of",
                    "'a'");
            refused(db, () -> catalog.createTable(table("uri", "file://" + a)), "22023", "'uri'", "'a'");
            refused(
                    db,
                    () -> catalog.createTable(table("inner", a.resolve("inner").toString())),
                    "22023",
                    "lies inside the location of",
                    "'a'");
            refused(
                    db,
                    () -> catalog.createTable(table("outer", root.toString())),
                    "22023",
                    "contains the location of",
                    "'a'");
            catalog.createTable(table("ab", root.resolve("ab").toString())); // a sibling whose name starts alike
            refused(
                    db,
                    () -> catalog.commitAll(
                            List.of(
                                    new MultiTableTransaction.NewTableRequest(
                                            table("x", root.resolve("x").toString()), List.of()),
                                    new MultiTableTransaction.NewTableRequest(
                                            table("y", root.resolve("x/y").toString()), List.of())),
                            List.of()),
                    "22023",
                    "'y'",
                    "'x'");
            assertThat(catalog.listTables()).extracting(t -> t.name()).containsExactly("a", "ab");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void anExistingLogIsImportedNotCreatedOver(CatalogTarget target) throws Exception {
        Path old = root.resolve("old");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = mirror(catalog);
            catalog.createTable(table("old", old.toString()));
            catalog.commit(CommitRequest.builder("old", 0).add(add("a.parquet")).build());
            mirror.awaitIdle();
            catalog.dropTable("old");

            refused(
                    db,
                    () -> catalog.createTable(table("again", old.toString())),
                    "22023",
                    "'again'",
                    "already holds a Delta log",
                    "bin/deltasql import");
            refused(
                    db,
                    () -> catalog.commitAll(
                            List.of(new MultiTableTransaction.NewTableRequest(
                                    table("again", "file://" + old + "/"), List.of())),
                            List.of()),
                    "22023",
                    "bin/deltasql import");

            new DeltaLogImporter(catalog).importTable(old, "imported", ImportProgress.NONE);
            assertThat(catalog.table("imported").headVersion()).isEqualTo(1);

            Path emptyLog = Files.createDirectories(root.resolve("empty/_delta_log"));
            catalog.createTable(table("empty", emptyLog.getParent().toString()));
            assertThat(catalog.table("empty").headVersion()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void importResolvesDotDotThroughTheFileSystemNotTextually(CatalogTarget target) throws Exception {
        Path real = Files.createDirectories(root.resolve("real/sub"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = mirror(catalog);
            catalog.createTable(table("source", root.resolve("real/t").toString()));
            mirror.awaitIdle();
            catalog.dropTable("source");
            // link/.. is real/ on the file system; textually it would be root/, where no table is.
            new DeltaLogImporter(catalog).importTable(link.resolve("../t"), "imported", ImportProgress.NONE);
            assertThat(catalog.table("imported").location())
                    .isEqualTo(root.resolve("real/t").toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void filesStayInsideTheTableDirectory(CatalogTarget target) throws Exception {
        Path t = root.resolve("t");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = mirror(catalog);
            catalog.createTable(table("t", t.toString()));
            catalog.commit(CommitRequest.builder("t", 0)
                    .add(add("a.parquet"))
                    .add(add("d/../b.parquet"))
                    .add(add("file:" + t + "/c.parquet"))
                    .add(add(t + "/d/e.parquet"))
                    .build());
            mirror.awaitIdle();
            for (String escape : List.of(
                    "../x.parquet",
                    "d/../../x.parquet",
                    "d/%2E%2E/%2e%2e/x.parquet",
                    "/etc/passwd",
                    "file:/etc/passwd",
                    "file://" + root + "/other/x.parquet",
                    t + "/../x.parquet",
                    "s3://bucket/x.parquet")) {
                refused(
                        db,
                        () -> catalog.commit(
                                CommitRequest.builder("t", 1).add(add(escape)).build()),
                        "22023",
                        "'t'",
                        escape.startsWith("s3") ? "outside" : "");
            }
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add("/etc/x.parquet"))
                            .build()),
                    "22023",
                    "outside the table's directory",
                    "--allowed-locations");
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(remove("../a.parquet"))
                            .build()),
                    "22023",
                    "not an active file");
            AddFile withDv = AddFile.builder()
                    .path("dv.parquet")
                    .size(10)
                    .modificationTime(1L)
                    .tags(Map.of())
                    .deletionVector(new DeletionVectorDescriptor("p", "file:/etc/dv.bin", 1, 10, 1L, null, Map.of()))
                    .build();
            refused(
                    db,
                    () -> catalog.commit(
                            CommitRequest.builder("t", 1).add(withDv).build()),
                    "22023",
                    "'file:/etc/dv.bin'",
                    "outside the table's directory");
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add("e.parquet"))
                            .add(new AddCdcFile("../_change_data/c.parquet", Map.of(), 10, false, Map.of(), Map.of()))
                            .build()),
                    "22023",
                    "climbs out");
            refused(
                    db,
                    () -> catalog.commitAll(
                            List.of(new MultiTableTransaction.NewTableRequest(
                                    table("ctas", root.resolve("ctas").toString()), List.of(add("../t/a.parquet")))),
                            List.of()),
                    "22023",
                    "'ctas'",
                    "climbs out");
            assertThat(catalog.table("t").headVersion()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void filesOutsideTheTableMayLieUnderAllowedLocations(CatalogTarget target) throws Exception {
        Path lake = root.resolve("lake");
        try (var db = target.create();
                DeltaCatalog catalog = db.open(b -> b.allowedLocations(List.of(lake.toString())))) {
            mirror(catalog).awaitIdle();
            catalog.createTable(table("t", lake.resolve("t").toString()));
            catalog.commit(CommitRequest.builder("t", 0)
                    .add(add("file:" + lake + "/shared/a.parquet"))
                    .build());
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add(root + "/lakehouse/a.parquet"))
                            .build()),
                    "22023",
                    "outside the allowed locations");
            refused(
                    db,
                    () -> catalog.commit(CommitRequest.builder("t", 1)
                            .add(add("../../lake/shared/b.parquet"))
                            .build()),
                    "22023",
                    "climbs out");
            assertThat(catalog.table("t").headVersion()).isEqualTo(1);
        }
    }
}
