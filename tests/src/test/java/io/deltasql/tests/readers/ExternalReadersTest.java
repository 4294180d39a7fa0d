package io.deltasql.tests.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
