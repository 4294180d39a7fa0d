package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.assertKernelAgreesAtEveryVersion;
import static io.deltasql.core.mirror.MirrorTables.assertMirrored;
import static io.deltasql.core.mirror.MirrorTables.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.ImportedVersion;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.GoldenTables;
import io.deltasql.core.verify.TableVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tables Spark wrote (Delta golden tables, copied), registered with their JSON history through
 * {@link DeltaCatalog#importTable}, then committed to through deltasql: the mirror continues the
 * foreign log and Kernel reads every version, the old ones and ours, as the catalog does.
 * (This loads the JSON commits directly; the log importer of io.deltasql.core.imports is not used.)
 */
class GoldenTableMirrorTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"snapshot-data3", "time-travel-partition-changes-a", "basic-with-inserts-deletes-checkpoint"})
    void deltasqlContinuesASparkWrittenLog(String name, @TempDir Path dir) throws Exception {
        Path golden = GoldenTables.requireRoot().resolve(name);
        Path location = dir.resolve(name);
        copyLog(golden.resolve("_delta_log"), location.resolve("_delta_log"));
        List<ImportedVersion> versions = jsonVersions(location.resolve("_delta_log"));

        try (var db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.importTable("golden", location.toString(), versions);
            long imported = catalog.table("golden").headVersion();
            assertThat(catalog.mirrorStatus("golden").pending()).isEmpty();

            List<String> partitionColumns =
                    catalog.snapshot("golden").metadata().partitionColumns();
            long target = Math.max(21, imported + 3);
            for (long v = imported + 1; v <= target; v++) {
                Map<String, String> pv = new LinkedHashMap<>();
                StringBuilder dirs = new StringBuilder();
                for (String c : partitionColumns) {
                    pv.put(c, "1");
                    dirs.append(c).append("=1/");
                }
                commit(
                        catalog,
                        "golden",
                        new AddFile(
                                dirs + "deltasql-" + v + ".parquet",
                                pv,
                                500 + v,
                                1_700_000_000_000L,
                                true,
                                "{\"numRecords\":1}"));
            }
            assertThat(catalog.mirrorStatus("golden").pending()).isEmpty();
            assertThat(catalog.mirrorStatus("golden").blocked()).isFalse();
            for (long v = imported + 1; v <= target; v++) {
                assertMirrored(catalog, "golden", location, v);
            }
            mirror.awaitIdle(); // checkpoints are written in the background
            assertThat(TableLocations.checkpointFile(location.resolve("_delta_log"), 20))
                    .exists();
            assertKernelAgreesAtEveryVersion(catalog, "golden", location);
            assertThat(new TableVerifier(catalog).verify("golden", true).differences())
                    .isEmpty();
        }
    }

    private static void copyLog(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().endsWith(".crc")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    private static List<ImportedVersion> jsonVersions(Path log) throws Exception {
        List<ImportedVersion> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(log)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                    .sorted()
                    .toList()) {
                long version = Long.parseLong(f.getFileName().toString().substring(0, 20));
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank())
                        .toList();
                versions.add(new ImportedVersion(
                        version, Files.getLastModifiedTime(f).toMillis(), lines, false));
            }
        }
        return versions;
    }
}
