package io.deltasql.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.GoldenTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The streaming parser of add lines yields exactly what the tree parser does, or leaves the line to it. */
class AddFileParserTest {
    @Test
    void everyGoldenAddLineParsesAsTheTreeParserReadsIt() throws IOException {
        Path root = GoldenTables.requireRoot();
        List<Path> commits;
        try (Stream<Path> files = Files.walk(root)) {
            commits = files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("_delta_log"))
                    .filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        }
        int adds = 0;
        int fast = 0;
        for (Path commit : commits) {
            for (String line : Files.readAllLines(commit, StandardCharsets.UTF_8)) {
                if (!line.startsWith("{\"add\"")) {
                    continue;
                }
                Action tree;
                try {
                    tree = ActionCodec.parse(line);
                } catch (InvalidActionException refused) {
                    assertThat(AddFileParser.tryParse(line)).as("refused lines are left to the tree parser: %s", line).isNull();
                    continue;
                }
                adds++;
                AddFile streamed = AddFileParser.tryParse(line);
                if (streamed != null) {
                    fast++;
                    assertThat(streamed).as(line).isEqualTo(tree);
                }
                assertThat(ActionCodec.parseAdd(line)).isEqualTo(tree);
            }
        }
        assertThat(adds).isGreaterThan(400);
        assertThat(fast).as("the common shape is the common case").isGreaterThan(adds / 2);
    }

    @Test
    void unusualShapesAreLeftToTheTreeParser() {
        String common = "{\"add\":{\"path\":\"p=1/a.parquet\",\"partitionValues\":{\"p\":\"1\",\"q\":null},\"size\":10,"
                + "\"modificationTime\":5,\"dataChange\":false,\"stats\":\"{\\\"numRecords\\\":3}\",\"tags\":{\"k\":\"v\"}}}";
        assertThat(AddFileParser.tryParse(common)).isEqualTo(ActionCodec.parse(common));
        assertThat(AddFileParser.tryParse(common).partitionValues()).containsEntry("q", null);
        for (String unusual : List.of(
                "{\"add\":{\"path\":\"a\",\"size\":1,\"stats\":null}}",
                "{\"add\":{\"path\":\"a\",\"size\":1,\"unknownField\":7}}",
                "{\"add\":{\"path\":\"a\",\"size\":1.0}}",
                "{\"add\":{\"path\":\"a\",\"size\":1,\"partitionValues\":{\"p\":1}}}",
                "{\"add\":{\"path\":\"a\",\"size\":1,\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab\","
                        + "\"offset\":1,\"sizeInBytes\":36,\"cardinality\":2}}}",
                "{\"add\":{\"size\":1}}",
                "{\"add\":{\"path\":\"a\",\"size\":1}} trailing",
                "{\"remove\":{\"path\":\"a\"}}")) {
            assertThat(AddFileParser.tryParse(unusual)).as(unusual).isNull();
        }
        assertThat(ActionCodec.parseAdd("{\"add\":{\"path\":\"a\",\"size\":1,\"unknownField\":7}}").extra()).containsKey("unknownField");
        assertThatThrownBy(() -> ActionCodec.parseAdd("{\"add\":{\"size\":1}}")).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> ActionCodec.parseAdd("{\"remove\":{\"path\":\"a\",\"deletionTimestamp\":1}}"))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("expected an add action");
    }
}
