package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.imports.DeltaLogImporter;
import io.deltasql.core.imports.ImportProgress;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.ForeignLogs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imported tables deltasql reads but does not commit to, through SQL (issue 17, findings 3 and 4):
 * one with a writer feature deltasql does not write (legacy liquid clustering), and one whose
 * current metaData has no schema. Their virtual tables and time travel work; DML on them is
 * refused with 0A000, naming the table and why, and changes nothing.
 */
class ReadOnlyTablesSqlTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aTableWithAWriterFeatureDeltasqlDoesNotWriteIsServedAndRefusesDml(CatalogTarget target) throws Exception {
        Path lq = dir.resolve("lq");
        ForeignLogs.liquidRowTrackingTable(lq);
        try (CatalogTarget.TestCatalog cat = target.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                new DeltaLogImporter(catalog).importTable(lq, "lq", ImportProgress.NONE);
            }
            try (Connection c = SqlTesting.connect(cat);
                    Statement s = c.createStatement()) {
                SqlTesting.createTable(s, "plain", dir.resolve("plain"), false);
                assertThat(SqlTesting.rows(
                                s,
                                "SELECT name, reader_features, writer_features, read_only_reason FROM delta.tables"
                                        + " ORDER BY name"))
                        .containsExactly(
                                List.of(
                                        "lq",
                                        "[\"deletionVectors\"]",
                                        "[\"liquid\",\"rowTracking\",\"deletionVectors\",\"domainMetadata\"]",
                                        "uses writer feature(s) [liquid] that deltasql does not write; it can be read but not committed to"),
                                Arrays.asList("plain", null, null, null));
                assertThat(SqlTesting.column(s, "SELECT path FROM TABLE(delta.files('lq', 1))"))
                        .containsExactly("a.parquet");
                assertThat(SqlTesting.column(s, "SELECT path FROM TABLE(delta.files('lq', 2)) ORDER BY path"))
                        .containsExactly("a.parquet", "b.parquet");
                assertThat(SqlTesting.rows(
                                s, "SELECT path, deletion_vector IS NOT NULL FROM \"lq$files\" ORDER BY path"))
                        .containsExactly(List.of("a.parquet", true), List.of("b.parquet", false));
                assertThat(SqlTesting.count(s, "SELECT count(*) FROM \"lq$history\""))
                        .isEqualTo(4);

                String before = CatalogDump.of(cat.jdbcUrl());
                Map<String, Long> log = SqlTesting.deltaLog(lq);
                String refusal = "Delta table 'lq' uses writer feature(s) [liquid] that deltasql does not write;"
                        + " it can be read but not committed to";
                assertRefused(
                        () -> s.executeUpdate("INSERT INTO \"lq$files\"(path, size) VALUES ('c.parquet', 10)"),
                        refusal);
                assertRefused(() -> s.executeUpdate("DELETE FROM \"lq$files\" WHERE path = 'b.parquet'"), refusal);
                assertRefused(
                        () -> s.executeUpdate("INSERT INTO \"lq$properties\"(property_key, property_value)"
                                + " VALUES ('team', 'a')"),
                        refusal);
                c.setAutoCommit(false);
                assertRefused(
                        () -> {
                            s.executeUpdate("INSERT INTO \"plain$files\"(path, size) VALUES ('p.parquet', 10)");
                            s.executeUpdate("INSERT INTO \"lq$files\"(path, size) VALUES ('c.parquet', 10)");
                            c.commit();
                        },
                        refusal);
                c.rollback();
                c.setAutoCommit(true);
                assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
                assertThat(SqlTesting.deltaLog(lq)).isEqualTo(log);
                assertThat(SqlTesting.column(s, "SELECT version FROM delta.tables WHERE name = 'lq'"))
                        .containsExactly(3L);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aTableWithoutASchemaIsServedAndRefusesDmlUntilOneComes(CatalogTarget target) throws Exception {
        Path emptied = dir.resolve("emptied");
        ForeignLogs.schemaEmptiedAtHead(emptied);
        Path later = dir.resolve("later");
        ForeignLogs.schemaArrivingLater(later);
        try (CatalogTarget.TestCatalog cat = target.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                DeltaLogMirror.install(catalog);
                new DeltaLogImporter(catalog).importTable(emptied, "emptied", ImportProgress.NONE);
                new DeltaLogImporter(catalog).importTable(later, "later", ImportProgress.NONE);
            }
            try (Connection c = SqlTesting.connect(cat);
                    Statement s = c.createStatement()) {
                assertThat(SqlTesting.rows(
                                s,
                                "SELECT schema_string, partition_columns, read_only_reason FROM delta.tables"
                                        + " WHERE name = 'emptied'"))
                        .containsExactly(Arrays.asList("", "[\"region\"]", null));
                assertThat(SqlTesting.count(s, "SELECT count(*) FROM \"emptied$schema\""))
                        .isZero();
                assertThat(SqlTesting.rows(s, "SELECT path, region FROM \"emptied$files\" WHERE region = 'eu'"))
                        .containsExactly(List.of("region=eu/a.parquet", "eu"));
                // Time travel to a version without a schema, on a table whose latest version has one.
                assertThat(SqlTesting.column(s, "SELECT path FROM TABLE(delta.files('later', 1))"))
                        .containsExactly("region=eu/a.parquet");
                assertThat(SqlTesting.column(s, "SELECT column_name FROM \"later$schema\""))
                        .containsExactly("id", "region");

                String before = CatalogDump.of(cat.jdbcUrl());
                Map<String, Long> log = SqlTesting.deltaLog(emptied);
                assertRefused(
                        () -> s.executeUpdate(
                                "INSERT INTO \"emptied$files\"(path, size, region) VALUES ('region=us/c.parquet', 1, 'us')"),
                        "Delta table 'emptied' has no schema at version 1");
                assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
                assertThat(SqlTesting.deltaLog(emptied)).isEqualTo(log);
            }
        }
    }

    private static void assertRefused(ThrowingCallable statement, String message) {
        assertThatThrownBy(statement).isInstanceOf(SQLException.class).satisfies(e -> {
            assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains(message);
        });
    }
}
