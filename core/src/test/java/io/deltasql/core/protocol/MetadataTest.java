package io.deltasql.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Metadata}'s changed copies keep every field they do not change. */
class MetadataTest {
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[]}";
    private final Metadata original = new Metadata(
            "id-1",
            "t",
            "a table",
            Format.PARQUET,
            SCHEMA,
            List.of("p"),
            Map.of("a", "1"),
            42L,
            Map.of("future", TextNode.valueOf("kept")));

    @Test
    void withConfigurationChangesOnlyTheProperties() {
        Metadata changed = original.withConfiguration(Map.of("b", "2"));
        assertThat(changed)
                .isEqualTo(new Metadata(
                        "id-1",
                        "t",
                        "a table",
                        Format.PARQUET,
                        SCHEMA,
                        List.of("p"),
                        Map.of("b", "2"),
                        42L,
                        Map.of("future", TextNode.valueOf("kept"))));
        assertThat(original.configuration()).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void withSchemaAndConfigurationChangesOnlyThose() {
        String other =
                "{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}";
        Metadata changed = original.withSchemaAndConfiguration(other, Map.of());
        assertThat(changed)
                .isEqualTo(new Metadata(
                        "id-1",
                        "t",
                        "a table",
                        Format.PARQUET,
                        other,
                        List.of("p"),
                        Map.of(),
                        42L,
                        Map.of("future", TextNode.valueOf("kept"))));
    }

    @Test
    void aChangedCopyWritesThePartitionColumnsTheLogOmitted() {
        Metadata omitted = new Metadata("id-1", null, null, null, SCHEMA, null, null, null, null);
        assertThat(omitted.partitionColumnsAsWritten()).isNull();
        assertThat(omitted.withConfiguration(Map.of("a", "1")).partitionColumnsAsWritten())
                .isEmpty();
    }
}
