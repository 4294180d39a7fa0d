package io.deltasql.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.Snapshot;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.testing.ForeignLogs;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table with writer features deltasql does not write (legacy liquid clustering) is imported,
 * served and time-travelled like any readable table; every commit to it is refused with 0A000
 * naming the feature, and neither the catalog nor the _delta_log changes (issue 17, finding 4).
 */
class ReadOnlyTableImportTest {
    private static final String REFUSAL =
            "Delta table 'lq' uses writer feature(s) [liquid] that deltasql does not write;"
                    + " it can be read but not committed to";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void aTableWithAWriterFeatureDeltasqlDoesNotWriteIsReadableButNotWritable(CatalogTarget target) throws Exception {
        Path table = dir.resolve("lq");
        ForeignLogs.liquidRowTrackingTable(table);
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror.install(catalog);
            new DeltaLogImporter(catalog).importTable(table, "lq", ImportProgress.NONE);
            catalog.createTable(new CreateTableRequest(
                    "plain", dir.resolve("plain").toString(), Fixtures.SCHEMA, List.of(), Map.of()));

            VerifyReport report = new TableVerifier(catalog).verify("lq", true);
            assertThat(report.differences()).as(report.render()).isEmpty();
            assertThat(catalog.snapshotAt("lq", 1).files())
                    .extracting(AddFile::path)
                    .containsExactly("a.parquet");
            assertThat(catalog.snapshotAt("lq", 2).files())
                    .extracting(AddFile::path)
                    .containsExactlyInAnyOrder("a.parquet", "b.parquet");
            Snapshot latest = catalog.snapshot("lq");
            assertThat(latest.version()).isEqualTo(3);
            assertThat(latest.protocol().writerFeatures()).contains("liquid", "rowTracking");
            AddFile a = latest.files().stream()
                    .filter(f -> f.path().equals("a.parquet"))
                    .findFirst()
                    .orElseThrow();
            assertThat(a.deletionVector()).isNotNull();
            assertThat(latest.domainMetadata()).containsKeys("delta.clustering", "delta.rowTracking");

            String before = CatalogDump.of(db.jdbcUrl());
            Map<String, String> logBefore = ForeignLogs.logFiles(table);
            CommitRequest append = CommitRequest.builder("lq", 3)
                    .add(new AddFile("c.parquet", Map.of(), 10, 1, true, null))
                    .build();
            assertRefused(() -> catalog.commit(append), REFUSAL);
            assertRefused(
                    () -> catalog.commit(CommitRequest.builder("lq", 3)
                            .add(new RemoveFile("b.parquet", 1L, true))
                            .build()),
                    REFUSAL);
            // A metadata-only commit (what $properties does) and a multi-table transaction with a writable table.
            var m = latest.metadata();
            assertRefused(
                    () -> catalog.commit(CommitRequest.builder("lq", 3)
                            .add(new Metadata(
                                    m.id(),
                                    m.name(),
                                    "described",
                                    m.format(),
                                    m.schemaString(),
                                    m.partitionColumns(),
                                    m.configuration(),
                                    m.createdTime(),
                                    m.extra()))
                            .build()),
                    REFUSAL);
            CommitRequest plain = CommitRequest.builder("plain", 0)
                    .add(Fixtures.add("p.parquet"))
                    .build();
            assertRefused(() -> catalog.commitAll(List.of(plain, append)), REFUSAL);
            assertRefused(
                    () -> catalog.beginTransaction().stage(plain).stage(append).commit(), REFUSAL);
            // Bringing the feature to a table deltasql writes is refused the same way.
            Protocol liquid = new Protocol(3, 7, List.of(), List.of("liquid"), Map.of());
            assertRefused(
                    () -> catalog.commit(
                            CommitRequest.builder("plain", 0).add(liquid).build()),
                    "Delta table 'plain' uses writer feature(s) [liquid] that deltasql does not write");
            assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
            assertThat(catalog.mirrorStatus("lq").pending()).isEmpty();
            assertThat(ForeignLogs.logFiles(table)).isEqualTo(logBefore);
            assertThat(catalog.commit(plain).version())
                    .as("the writable table still takes commits")
                    .isEqualTo(1);
        }
    }

    /** Reader features and protocol versions deltasql does not know stay refused at import, as Kernel refuses them. */
    @Test
    void unknownReaderFeaturesAndNewerProtocolsAreStillRefused() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"futureFeature\"],"
                        + "\"writerFeatures\":[\"futureFeature\"]}}",
                "reader feature(s) [futureFeature]",
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":8,\"readerFeatures\":[],\"writerFeatures\":[]}}",
                "writer 8");
        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            int n = 0;
            for (Map.Entry<String, String> c : cases.entrySet()) {
                Path table = dir.resolve("future" + n++);
                ForeignLogs.write(table, 0, c.getKey(), ForeignLogs.metaData(ForeignLogs.SCHEMA));
                String before = CatalogDump.of(db.jdbcUrl());
                Map<String, String> logBefore = ForeignLogs.logFiles(table);
                assertRefused(
                        () -> new DeltaLogImporter(catalog).importTable(table, "t", ImportProgress.NONE), c.getValue());
                assertThat(CatalogDump.of(db.jdbcUrl())).isEqualTo(before);
                assertThat(ForeignLogs.logFiles(table)).isEqualTo(logBefore);
            }
        }
    }

    private static void assertRefused(ThrowingCallable commit, String message) {
        assertThatThrownBy(commit)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message)
                .satisfies(e ->
                        assertThat(((InvalidRequestException) e).sqlState()).isEqualTo("0A000"));
    }
}
