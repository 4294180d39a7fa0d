package io.deltasql.core.mirror;

import static io.deltasql.core.mirror.MirrorTables.commit;
import static io.deltasql.core.mirror.MirrorTables.partitioned;
import static io.deltasql.core.testing.Fixtures.add;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.testing.CatalogTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table's version 0 read nothing: its commitInfo has no {@code readVersion}, as Delta's own
 * writers leave it out of a CREATE TABLE; the next commit read version 0 and says so.
 */
class CreateCommitInfoTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.deltasql.core.testing.CatalogTargets#all")
    void versionZeroHasNoReadVersion(CatalogTarget target, @TempDir Path dir) throws Exception {
        Path location = dir.resolve("events");
        try (var db = target.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(partitioned("events", location, Map.of()));
            commit(catalog, "events", add("region=eu/a.parquet", "eu"));
            mirror.awaitIdle();

            JsonNode create = commitInfo(location, 0);
            assertThat(create.path("operation").asText()).isEqualTo("CREATE TABLE");
            assertThat(create.has("readVersion")).as(create.toString()).isFalse();
            assertThat(commitInfo(location, 1).path("readVersion").asLong(-1)).isZero();
            // Newest first.
            assertThat(catalog.history("events")).satisfies(h -> {
                assertThat(h.get(1).commitInfo().readVersion()).isNull();
                assertThat(h.get(0).commitInfo().readVersion()).isZero();
            });
        }
    }

    private static JsonNode commitInfo(Path location, long version) throws Exception {
        String first = Files.readAllLines(location.resolve("_delta_log").resolve(String.format("%020d.json", version)))
                .get(0);
        return ActionCodec.mapper().readTree(first).path("commitInfo");
    }
}
