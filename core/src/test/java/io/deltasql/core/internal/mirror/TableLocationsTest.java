package io.deltasql.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.mirror.UnsupportedLocationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableLocationsTest {

    @Test
    void localPathsAndFileUrisResolveToTheSameDirectory() {
        Path expected = Path.of("/data/tables/events");
        assertThat(TableLocations.directory("t", "/data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file:/data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file:///data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file://localhost/data/tables/events/"))
                .isEqualTo(expected);
        assertThat(TableLocations.directory("t", "FILE:/data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file:/data/my%20table")).isEqualTo(Path.of("/data/my table"));
        assertThat(TableLocations.directory("t", "file:/data/my table")).isEqualTo(Path.of("/data/my table"));
        assertThat(TableLocations.logDirectory("t", "/data/t")).isEqualTo(Path.of("/data/t/_delta_log"));
        assertThat(TableLocations.commitFile(Path.of("/l"), 12)).isEqualTo(Path.of("/l/00000000000000000012.json"));
        assertThat(TableLocations.checkpointFile(Path.of("/l"), 3))
                .isEqualTo(Path.of("/l/00000000000000000003.checkpoint.parquet"));
    }

    @Test
    void otherLocationsAreRefusedNamingTheTable() {
        assertThatThrownBy(() -> TableLocations.directory("events", "s3://bucket/events"))
                .isInstanceOf(UnsupportedLocationException.class)
                .hasMessageContaining("'events'")
                .hasMessageContaining("s3:")
                .hasMessageContaining("file: URIs");
        assertThatThrownBy(() -> TableLocations.directory("events", "abfss://c@acct.dfs.core.windows.net/events"))
                .isInstanceOf(UnsupportedLocationException.class)
                .hasMessageContaining("abfss:");
        assertThatThrownBy(() -> TableLocations.directory("events", "file://fileserver/share/events"))
                .isInstanceOf(UnsupportedLocationException.class)
                .hasMessageContaining("fileserver");
        assertThatThrownBy(() -> TableLocations.directory("events", "relative/events"))
                .isInstanceOf(UnsupportedLocationException.class)
                .hasMessageContaining("absolute");
    }

    @Test
    void existingContentMatchesByLines() {
        List<String> lines = List.of("{\"a\":1}", "{\"b\":2}");
        assertThat(new String(MirrorWriter.render(lines), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}\n{\"b\":2}\n");
        assertThat(MirrorWriter.sameLines("{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8), lines))
                .isTrue();
        assertThat(MirrorWriter.sameLines("{\"a\":1}\r\n{\"b\":2}".getBytes(StandardCharsets.UTF_8), lines))
                .isTrue();
        assertThat(MirrorWriter.sameLines("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), lines))
                .isFalse();
        assertThat(MirrorWriter.sameLines("{\"a\": 1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8), lines))
                .isFalse();
        assertThat(MirrorWriter.sameLines(new byte[0], lines)).isFalse();
    }
}
