package io.deltasql.core.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CommitResult;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.internal.mirror.TableLocations;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared steps of the mirror tests: tables in temp directories, commits, and the Kernel comparison. */
final class MirrorTables {
    private MirrorTables() {}

    static CreateTableRequest partitioned(String name, Path location, Map<String, String> properties) {
        return new CreateTableRequest(name, location.toString(), Fixtures.SCHEMA, List.of("region"), properties);
    }

    static CommitResult commit(DeltaCatalog catalog, String table, Action... actions) {
        return catalog.commit(
                CommitRequest.builder(table, catalog.snapshot(table).version())
                        .addAll(List.of(actions))
                        .build());
    }

    /** A metaData action with the same id and {@code changes} merged into the configuration. */
    static Metadata withConfiguration(DeltaCatalog catalog, String table, Map<String, String> changes) {
        Metadata m = catalog.snapshot(table).metadata();
        Map<String, String> conf = new LinkedHashMap<>(m.configuration());
        conf.putAll(changes);
        return new Metadata(
                m.id(),
                m.name(),
                m.description(),
                m.format(),
                m.schemaString(),
                m.partitionColumns(),
                conf,
                m.createdTime(),
                m.extra());
    }

    static Path commitFile(Path tableDir, long version) {
        return TableLocations.commitFile(tableDir.resolve("_delta_log"), version);
    }

    /** The commit file holds exactly the catalog's lines of that version. */
    static void assertMirrored(DeltaCatalog catalog, String table, Path tableDir, long version) throws Exception {
        Path file = commitFile(tableDir, version);
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo(String.join("\n", catalog.actionLines(table, version)) + "\n");
    }

    /** Delta Kernel reading the mirrored log sees the catalog's snapshot at every version. */
    static void assertKernelAgreesAtEveryVersion(DeltaCatalog catalog, String table, Path tableDir) throws Exception {
        Engine engine = KernelOracle.engine();
        long head = catalog.table(table).headVersion();
        for (long v = 0; v <= head; v++) {
            assertThat(KernelOracle.read(engine, tableDir, v))
                    .as("Kernel at version %d of %s", v, table)
                    .isEqualTo(KernelOracle.of(catalog.snapshotAt(table, v)));
        }
    }
}
