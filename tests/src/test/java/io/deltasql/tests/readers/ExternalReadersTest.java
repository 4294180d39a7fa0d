package io.deltasql.tests.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness reports a reader's refusal as that table's error, and a reader that crashes as a failure with its stderr. */
class ExternalReadersTest {

    @Test
    void aDirectoryWithoutADeltaLogIsTheReadersErrorForThatTable(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-table"));

        ExternalReaders.Run run = ExternalReaders.read(ExternalReader.KERNEL_43, dir.resolve("work"),
                List.of(new ExternalReaders.Request(empty, List.of(1L))));

        ReaderReport report = run.table(empty);
        assertThat(run.readerName()).isEqualTo("delta-kernel 4.3.0");
        assertThat(report.error()).contains("TableNotFoundException");
        assertThat(report.versions()).isEmpty();
        try (var entries = Files.list(empty)) {
            assertThat(entries).as("a reader writes nothing into the table directory").isEmpty();
        }
    }

    @Test
    void aReaderThatExitsWithAnErrorFailsWithItsStderr(@TempDir Path dir) {
        assertThatThrownBy(() -> ExternalReaders.read(ExternalReader.KERNEL_43, dir, List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KERNEL_43 failed (exit 1)")
                .hasMessageContaining("IllegalArgumentException: usage: --table <path>");
    }

    /** A log as a writer that ignores table features would leave it: row tracking asked for, protocol (1, 2). */
    private static final String FEATURE_PROPERTY_WITHOUT_FEATURE = String.join("\n",
            "{\"commitInfo\":{\"timestamp\":1700000000000,\"operation\":\"CREATE TABLE\"}}",
            "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
            "{\"metaData\":{\"id\":\"6b0c6c4e-4b8e-4f57-9a0e-6f1c2b1f0d11\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                    + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
                    + "\"partitionColumns\":[],\"configuration\":{\"delta.enableRowTracking\":\"true\"},\"createdTime\":1700000000000}}",
            "{\"add\":{\"path\":\"a.parquet\",\"partitionValues\":{},\"size\":10,\"modificationTime\":1700000000000,\"dataChange\":true}}",
            "");

    @Test
    void sparkRefusingATableIsItsErrorNotACrash(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalReader.SPARK.available(), "the Spark reader is built with -Pspark only");
        Path table = dir.resolve("row-tracking-property");
        Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(table.resolve("_delta_log/00000000000000000000.json"), FEATURE_PROPERTY_WITHOUT_FEATURE);

        ReaderReport report = ExternalReaders.read(ExternalReader.SPARK, dir.resolve("work"),
                List.of(new ExternalReaders.Request(table, List.of()))).table(table);

        assertThat(Stream.concat(Stream.of(report.error()), report.versions().stream().map(ReaderReport.VersionState::error)))
                .as("Spark's refusal, as the table's or version 0's error")
                .anySatisfy(e -> assertThat(e).contains("IllegalStateException").contains("delta.enableRowTracking"));
        try (var log = Files.list(table.resolve("_delta_log"))) {
            assertThat(log.map(p -> p.getFileName().toString())).as("the reader wrote nothing into the log")
                    .containsExactly("00000000000000000000.json");
        }
    }
}
