package io.deltasql.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.testing.GoldenTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every line of every JSON commit of the Delta golden tables parses and writes back as the same JSON. */
class GoldenLogRoundTripTest {

    @Test
    void everyGoldenLogLineRoundTrips() throws IOException {
        Path root = GoldenTables.requireRoot();
        List<Path> commits;
        try (Stream<Path> files = Files.walk(root)) {
            commits = files.filter(p -> p.getParent() != null
                            && p.getParent().getFileName().toString().equals("_delta_log"))
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .toList();
        }
        assertThat(commits).hasSizeGreaterThan(250);
        int lines = 0;
        int refused = 0;
        for (Path commit : commits) {
            for (String line : Files.readAllLines(commit, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                JsonNode original;
                try {
                    original = ActionCodec.mapper().readTree(line);
                } catch (IOException notJson) {
                    refused++;
                    assertThatThrownBy(() -> ActionCodec.parse(line)).isInstanceOf(InvalidActionException.class);
                    continue;
                }
                Action a = ActionCodec.parse(line);
                assertThat(ActionCodec.mapper().readTree(a.toJson()))
                        .as("%s: %s", root.relativize(commit), line)
                        .isEqualTo(original);
            }
        }
        assertThat(lines).isGreaterThan(900);
        assertThat(refused).isLessThan(lines / 100);
    }
}
