package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ColumnMappingNames;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column mapping's physical names in partition values (issue 17, finding 6): the mapping, and what a commit must carry. */
class ColumnMappedCommitTest {
    private static final String PHYSICAL = "col-60c949ca-b8bc-4330-b931-b73fb4c60037";
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":1,"
            + "\"delta.columnMapping.physicalName\":\"col-1b2c3d4e-id\"}},"
            + "{\"name\":\"Part\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":2,"
            + "\"delta.columnMapping.physicalName\":\"" + PHYSICAL + "\"}}]}";

    @TempDir
    Path dir;

    private static Metadata metadata(String mode) {
        return new Metadata(
                "id",
                null,
                null,
                null,
                SCHEMA,
                List.of("part"),
                mode == null ? Map.of() : Map.of("delta.columnMapping.mode", mode),
                0L,
                Map.of());
    }

    @Test
    void physicalNamesUnderNameOrIdModeOnly() {
        for (String mode : List.of("name", "id", "NAME")) {
            ColumnMappingNames names = ColumnMappingNames.of(metadata(mode));
            assertThat(names.mapped()).isTrue();
            assertThat(names.partitionKeys()).containsExactly(PHYSICAL);
            assertThat(names.physical("PART")).isEqualTo(PHYSICAL);
            assertThat(names.physical("other")).isEqualTo("other");
            assertThat(names.toLogical(Map.of(PHYSICAL, "1"))).isEqualTo(Map.of("part", "1"));
            assertThat(names.toLogical(Map.of("col-dropped", "1")))
                    .as("a key no column has now stays")
                    .isEqualTo(Map.of("col-dropped", "1"));
        }
        for (String mode : new String[] {null, "none"}) {
            ColumnMappingNames names = ColumnMappingNames.of(metadata(mode));
            assertThat(names.mapped()).isFalse();
            assertThat(names.partitionKeys()).containsExactly("part");
            assertThat(names.toLogical(Map.of("part", "1"))).isEqualTo(Map.of("part", "1"));
        }
        Metadata noSchema = new Metadata(
                "id", null, null, null, null, List.of(), Map.of("delta.columnMapping.mode", "name"), 0L, Map.of());
        assertThat(ColumnMappingNames.of(noSchema).partitionKeys()).isEmpty();
    }

    @Test
    void aCommitKeysPartitionValuesByPhysicalName() throws Exception {
        Path location = dir.resolve("cm");
        try (CatalogTarget.TestCatalog db = CatalogTargets.SQLITE.create();
                DeltaCatalog catalog = db.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog);
            catalog.createTable(new CreateTableRequest(
                    "cm",
                    location.toString(),
                    SCHEMA,
                    List.of("Part"),
                    Map.of("delta.columnMapping.mode", "name", "delta.columnMapping.maxColumnId", "2")));
            catalog.commit(CommitRequest.builder("cm", 0)
                    .add(new AddFile("a.parquet", Map.of(PHYSICAL, "1"), 1, 1, true, null))
                    .build());
            mirror.awaitIdle();
            String before = CatalogDump.of(db.jdbcUrl());
            List<String> log = logFiles(location);

            assertThatThrownBy(() -> catalog.commit(CommitRequest.builder("cm", 1)
                            .add(new AddFile("b.parquet", Map.of("Part", "1"), 1, 1, true, null))
                            .build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'cm'")
                    .hasMessageContaining("b.parquet")
                    .hasMessageContaining("unknown partition column(s) [Part]")
                    .hasMessageContaining("[" + PHYSICAL + "]")
                    .hasMessageContaining("column-mapped partition columns [Part]");
            mirror.awaitIdle();
            assertThat(CatalogDump.of(db.jdbcUrl())).as("catalog unchanged").isEqualTo(before);
            assertThat(logFiles(location))
                    .as("_delta_log unchanged")
                    .isEqualTo(log)
                    .contains("00000000000000000001.json");
        }
    }

    private static List<String> logFiles(Path location) throws Exception {
        try (Stream<Path> files = Files.list(location.resolve("_delta_log"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
