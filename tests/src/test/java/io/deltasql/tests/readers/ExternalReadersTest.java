package io.deltasql.tests.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The harness reports a reader's refusal as that table's error, and a reader that crashes as a failure with its stderr. */
class ExternalReadersTest {

    @Test
    void aDirectoryWithoutADeltaLogIsTheReadersErrorForThatTable(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-table"));

        ExternalReaders.Run run = ExternalReaders.read(
                ExternalReader.KERNEL_43,
                dir.resolve("work"),
                List.of(new ExternalReaders.Request(empty, List.of(1L))));

        ReaderReport report = run.table(empty);
        assertThat(run.readerName()).isEqualTo("delta-kernel 4.3.0");
        assertThat(report.error()).contains("TableNotFoundException");
        assertThat(report.versions()).isEmpty();
        try (var entries = Files.list(empty)) {
            assertThat(entries)
                    .as("a reader writes nothing into the table directory")
                    .isEmpty();
        }
    }

    @Test
    void aReaderThatExitsWithAnErrorFailsWithItsStderr(@TempDir Path dir) {
        assertThatThrownBy(() -> ExternalReaders.read(ExternalReader.KERNEL_43, dir, List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KERNEL_43 failed (exit 1)")
                .hasMessageContaining("IllegalArgumentException: usage: --table <path>");
    }

    @Test
    void sparkRefusingATableIsItsErrorNotACrash(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalReader.SPARK.available(), "the Spark reader is left out by -DskipSpark");
        // As a writer that ignores table features would leave it: row tracking asked for, protocol (1, 2).
        Path table = HandWrittenLog.write(
                dir.resolve("row-tracking-property"),
                Map.of("protocol", Map.of("minReaderVersion", 1, "minWriterVersion", 2)),
                Map.of("metaData", HandWrittenLog.metadata(Map.of("delta.enableRowTracking", "true"))),
                Map.of(
                        "add",
                        Map.of(
                                "path",
                                "a.parquet",
                                "partitionValues",
                                Map.of(),
                                "size",
                                10,
                                "modificationTime",
                                1_700_000_000_000L,
                                "dataChange",
                                true)));

        ReaderReport report = ExternalReaders.read(
                        ExternalReader.SPARK,
                        dir.resolve("work"),
                        List.of(new ExternalReaders.Request(table, List.of())))
                .table(table);

        assertThat(Stream.concat(
                        Stream.of(report.error()), report.versions().stream().map(ReaderReport.VersionState::error)))
                .as("Spark's refusal, as the table's or version 0's error")
                .anySatisfy(e -> assertThat(e).contains("IllegalStateException").contains("delta.enableRowTracking"));
        try (var log = Files.list(table.resolve("_delta_log"))) {
            assertThat(log.map(p -> p.getFileName().toString()))
                    .as("the reader wrote nothing into the log")
                    .containsExactly("00000000000000000000.json");
        }
    }

    @ParameterizedTest
    @EnumSource(ExternalReader.class)
    void everyReaderReportsRowIdsAndDeletionVectorsAsTheLogHasThem(ExternalReader reader, @TempDir Path dir)
            throws Exception {
        assumeTrue(reader.available(), reader + " is not built (the Spark reader is left out by -DskipSpark)");
        Map<String, Object> dv = Map.of(
                "storageType",
                "u",
                "pathOrInlineDv",
                "ab^-aqEH.-t@S}K{vb[*k^",
                "offset",
                4,
                "sizeInBytes",
                40,
                "cardinality",
                2);
        Path table = HandWrittenLog.write(
                dir.resolve("row-tracking"),
                Map.of(
                        "protocol",
                        Map.of(
                                "minReaderVersion",
                                3,
                                "minWriterVersion",
                                7,
                                "readerFeatures",
                                List.of("deletionVectors"),
                                "writerFeatures",
                                List.of("deletionVectors", "domainMetadata", "rowTracking"))),
                Map.of(
                        "metaData",
                        HandWrittenLog.metadata(
                                Map.of("delta.enableRowTracking", "true", "delta.enableDeletionVectors", "true"))),
                Map.of(
                        "domainMetadata",
                        Map.of(
                                "domain",
                                "delta.rowTracking",
                                "configuration",
                                "{\"rowIdHighWaterMark\":19}",
                                "removed",
                                false)),
                Map.of(
                        "add",
                        Map.of(
                                "path",
                                "a.parquet",
                                "partitionValues",
                                Map.of(),
                                "size",
                                10,
                                "modificationTime",
                                1_700_000_000_000L,
                                "dataChange",
                                true,
                                "stats",
                                "{\"numRecords\":10}",
                                "baseRowId",
                                0,
                                "defaultRowCommitVersion",
                                0,
                                "deletionVector",
                                dv)),
                Map.of(
                        "add",
                        Map.of(
                                "path",
                                "b.parquet",
                                "partitionValues",
                                Map.of(),
                                "size",
                                20,
                                "modificationTime",
                                1_700_000_000_000L,
                                "dataChange",
                                true,
                                "stats",
                                "{\"numRecords\":10}",
                                "baseRowId",
                                10,
                                "defaultRowCommitVersion",
                                0)));

        ReaderReport report = ExternalReaders.read(
                        reader, dir.resolve("work"), List.of(new ExternalReaders.Request(table, List.of())))
                .table(table);

        assertThat(report.error()).isNull();
        assertThat(report.versions()).singleElement().satisfies(v -> {
            assertThat(v.error()).isNull();
            assertThat(v.protocol())
                    .isEqualTo(new ReaderReport.ProtocolState(
                            3,
                            7,
                            Set.of("deletionVectors"),
                            Set.of("deletionVectors", "domainMetadata", "rowTracking")));
            assertThat(v.files())
                    .containsExactlyInAnyOrder(
                            new ReaderReport.FileState("a.parquet", 10, Map.of(), "uab^-aqEH.-t@S}K{vb[*k^@4", 0L, 0L),
                            new ReaderReport.FileState("b.parquet", 20, Map.of(), null, 10L, 0L));
        });
    }
}
