package io.deltasql.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.ForeignLogs;
import io.deltasql.core.verify.Difference;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A metaData whose schemaString is empty (the schema comes in a later version, as some pipeline
 * writers do) imports, as Delta Kernel 4.0 reads the versions that have a schema; a metaData with
 * no schemaString field, which Kernel refuses at every version, stays refused (issue 17, finding 3).
 */
class SchemaArrivingLaterImportTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void versionsBeforeTheSchemaAreKeptAndTheLaterOnesMatchKernel(CatalogTarget target) throws Exception {
        Path table = dir.resolve("later");
        ForeignLogs.schemaArrivingLater(table);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            new DeltaLogImporter(catalog).importTable(table, "later", ImportProgress.NONE);
            assertThat(catalog.snapshotAt("later", 0).metadata().schemaString()).isEmpty();
            assertThat(catalog.snapshotAt("later", 1).files())
                    .extracting(AddFile::path)
                    .containsExactly("region=eu/a.parquet");
            assertThat(catalog.snapshot("later").files()).hasSize(2);
            // Kernel cannot load versions 0 and 1 (no schema to parse); at 2 and 3 it agrees with the catalog.
            VerifyReport report = new TableVerifier(catalog).verify("later", true);
            assertThat(report.differences())
                    .as(report.render())
                    .extracting(Difference::version)
                    .containsExactly(0L, 1L);
            assertThat(report.differences())
                    .allSatisfy(d -> assertThat(d.log()).contains("unreadable by Delta Kernel"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aTableWithoutASchemaTakesOnlyACommitThatBringsOne(CatalogTarget target) throws Exception {
        Path table = dir.resolve("emptied");
        ForeignLogs.schemaEmptiedAtHead(table);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            new DeltaLogImporter(catalog).importTable(table, "emptied", ImportProgress.NONE);
            String before = CatalogDump.of(db.jdbcUrl());
            Map<String, String> logBefore = ForeignLogs.logFiles(table);
            AddFile add = new AddFile("region=eu/c.parquet", Map.of("region", "eu"), 10, 1, true, null);
            assertThatThrownBy(() -> catalog.commit(
                            CommitRequest.builder("emptied", 1).add(add).build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Delta table 'emptied' has no schema at version 1")
                    .satisfies(e ->
                            assertThat(((InvalidRequestException) e).sqlState()).isEqualTo("0A000"));
            Metadata current = catalog.snapshot("emptied").metadata();
            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("emptied", 1)
                            .add(withSchema(current, " "))
                            .add(add)
                            .build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("the schema is missing");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(ForeignLogs.logFiles(table)).isEqualTo(logBefore);

            String schema = catalog.snapshotAt("emptied", 0).metadata().schemaString();
            assertThat(catalog.commit(CommitRequest.builder("emptied", 1)
                                    .add(withSchema(current, schema))
                                    .add(add)
                                    .build())
                            .version())
                    .isEqualTo(2);
            assertThat(catalog.commit(CommitRequest.builder("emptied", 2)
                                    .add(new AddFile("region=us/d.parquet", Map.of("region", "us"), 10, 1, true, null))
                                    .build())
                            .version())
                    .isEqualTo(3);
            assertThat(new TableVerifier(catalog).verify("emptied", false).differences())
                    .isEmpty();
        }
    }

    private static Metadata withSchema(Metadata m, String schemaString) {
        return new Metadata(
                m.id(),
                m.name(),
                m.description(),
                m.format(),
                schemaString,
                m.partitionColumns(),
                m.configuration(),
                m.createdTime(),
                m.extra());
    }

    @Test
    void aMetaDataWithoutTheSchemaStringFieldIsRefusedAsKernelRefusesIt() throws Exception {
        for (String metaData : new String[] {
            "{\"metaData\":{\"id\":\"x\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"partitionColumns\":[],\"configuration\":{}}}",
            "{\"metaData\":{\"id\":\"x\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":null,\"partitionColumns\":[],\"configuration\":{}}}"
        }) {
            Path table = dir.resolve("absent-" + metaData.length());
            ForeignLogs.write(table, 0, "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}", metaData);
            ForeignLogs.write(
                    table,
                    1,
                    ForeignLogs.metaData(ForeignLogs.SCHEMA)
                            .replace("pl-1", "x")
                            .replace("[\"region\"]", "[]"));
            assertRefusedUnchanged(table, "version 0 has a metaData action without schemaString");
        }
    }

    @Test
    void aLogWhoseMetaDataNeverHasASchemaIsRefused() throws Exception {
        Path table = dir.resolve("never");
        ForeignLogs.write(
                table,
                0,
                "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
                ForeignLogs.metaData("\"\""));
        assertRefusedUnchanged(table, "none of its versions has a schema");
    }

    private static void assertRefusedUnchanged(Path table, String message) throws Exception {
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            String before = CatalogDump.of(db.jdbcUrl());
            Map<String, String> logBefore = ForeignLogs.logFiles(table);
            assertThatThrownBy(() -> new DeltaLogImporter(catalog).importTable(table, "t", ImportProgress.NONE))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining(table.toString())
                    .hasMessageContaining(message);
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(ForeignLogs.logFiles(table)).isEqualTo(logBefore);
        }
    }
}
