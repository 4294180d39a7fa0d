package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table with 1,000,000 active files is listed by a separate JVM whose heap (48 MB) is far
 * smaller than the file list (hundreds of MB as objects): it only succeeds if neither deltasql
 * nor the JDBC driver holds the whole result.
 */
class LargeTableStreamingTest {
    private static final int FILES = 1_000_000;
    private static final int PER_COMMIT = 100_000;

    static Stream<CatalogTarget> targets() {
        // The machine's servers behave like the embedded PostgreSQL here; SQLite and PostgreSQL cover both streaming
        // paths.
        return Stream.of(CatalogTargets.SQLITE, CatalogTargets.EMBEDDED_POSTGRES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void millionFilesStreamWithBoundedMemory(CatalogTarget target) throws Exception {
        try (var db = target.create()) {
            long expectedBytes = 0;
            try (DeltaCatalog catalog = db.open(b -> b.cacheMaxFiles(0))) {
                catalog.createTable(Fixtures.partitioned("big"));
                for (int c = 0; c < FILES / PER_COMMIT; c++) {
                    List<Action> adds = new ArrayList<>(PER_COMMIT);
                    for (int i = 0; i < PER_COMMIT; i++) {
                        int n = c * PER_COMMIT + i;
                        AddFile f = new AddFile(
                                "region=r" + (n % 100) + "/part-" + n + "-c000.snappy.parquet",
                                Map.of("region", "r" + (n % 100)),
                                1_000 + n % 977,
                                1_700_000_000_000L,
                                true,
                                "{\"numRecords\":" + (n % 1000) + ",\"minValues\":{\"id\":" + n
                                        + "},\"maxValues\":{\"id\":" + (n + 1) + "}}");
                        expectedBytes += f.size();
                        adds.add(f);
                    }
                    catalog.commit(CommitRequest.builder("big", c).addAll(adds).build());
                }
                assertThat(catalog.snapshot("big").numFiles()).isEqualTo(FILES);
            }
            String out = runChild(db.jdbcUrl(), "big");
            assertThat(out)
                    .contains("files=" + FILES + " bytes=" + expectedBytes + " expectedFiles=" + FILES
                            + " expectedBytes=" + expectedBytes);
        }
    }

    private static String runChild(String url, String table) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx48m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamFilesMain.class.getName(),
                        url,
                        table)
                .redirectErrorStream(true);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("child output:%n%s", text).isZero();
        return text;
    }
}
