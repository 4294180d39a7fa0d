package io.deltasql.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.internal.storage.StorePath;
import io.deltasql.core.mirror.UnsupportedLocationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableLocationsTest {

    @Test
    void localPathsAndFileUrisResolveToTheSameDirectory() {
        StorePath expected = StorePath.of(Path.of("/data/tables/events"));
        assertThat(TableLocations.directory("t", "/data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file:/data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file:///data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file://localhost/data/tables/events/"))
                .isEqualTo(expected);
        assertThat(TableLocations.directory("t", "FILE:/data/tables/events")).isEqualTo(expected);
        assertThat(TableLocations.directory("t", "file:/data/my%20table"))
                .isEqualTo(StorePath.of(Path.of("/data/my table")));
        assertThat(TableLocations.directory("t", "file:/data/my table"))
                .isEqualTo(StorePath.of(Path.of("/data/my table")));
        assertThat(TableLocations.logDirectory("t", "/data/t")).isEqualTo(new StorePath("/data/t/_delta_log"));
        assertThat(TableLocations.commitFile(Path.of("/l"), 12)).isEqualTo(Path.of("/l/00000000000000000012.json"));
        assertThat(TableLocations.checkpointFile(Path.of("/l"), 3))
                .isEqualTo(Path.of("/l/00000000000000000003.checkpoint.parquet"));
    }

    @Test
    void objectStoreLocationsKeepTheirUriInCanonicalForm() {
        assertThat(TableLocations.directory("t", "s3://bucket/tables/events/"))
                .isEqualTo(new StorePath("s3://bucket/tables/events"));
        assertThat(TableLocations.directory("t", "S3A://bucket//tables/./events"))
                .isEqualTo(new StorePath("s3a://bucket/tables/events"));
        assertThat(TableLocations.logDirectory("t", "s3://bucket/t"))
                .isEqualTo(new StorePath("s3://bucket/t/_delta_log"));
        assertThat(TableLocations.commitFile(new StorePath("s3://b/t/_delta_log"), 7))
                .isEqualTo(new StorePath("s3://b/t/_delta_log/00000000000000000007.json"));
    }

    @Test
    void otherLocationsAreRefusedNamingTheTable() {
        assertThatThrownBy(() -> TableLocations.directory("events", "gs://bucket/events"))
                .isInstanceOf(UnsupportedLocationException.class)
                .hasMessageContaining("'events'")
                .hasMessageContaining("gs:")
                .hasMessageContaining("s3:");
        assertThatThrownBy(() -> TableLocations.directory("events", "hdfs://namenode/events"))
                .isInstanceOf(UnsupportedLocationException.class)
                .hasMessageContaining("hdfs:");
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
