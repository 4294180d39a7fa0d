package io.deltasql.core.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalLocationTest {

    private static CanonicalLocation parse(String location) {
        return CanonicalLocation.parse("location", location);
    }

    @Test
    void pathsAndFileUrisOfOneDirectoryAreEqual() {
        CanonicalLocation expected = parse("/data/lake/t");
        for (String spelling : List.of(
                "/data/lake/t/",
                "/data//lake/./t",
                "file:/data/lake/t",
                "file:///data/lake/t/",
                "file://localhost/data/lake/t",
                "FILE:/data/lake/t")) {
            assertThat(parse(spelling)).as(spelling).isEqualTo(expected);
        }
        assertThat(expected.toString()).isEqualTo("/data/lake/t");
        assertThat(parse("file:/data/my%20lake")).isEqualTo(parse("/data/my lake"));
        assertThat(parse("file:/data/my lake")).isEqualTo(parse("/data/my lake"));
        assertThat(parse("S3://bucket/a/b/").toString()).isEqualTo("s3://bucket/a/b");
    }

    @Test
    void dotDotSegmentsAreRefusedNotResolved() {
        for (String bad : List.of(
                "/data/lake/../etc",
                "/data/lake/..",
                "file:/data/lake/../etc",
                "file:/data/lake/%2E%2E/etc",
                "s3://bucket/a/../b")) {
            assertThatThrownBy(() -> parse(bad))
                    .as(bad)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'..'")
                    .extracting(e -> ((InvalidRequestException) e).sqlState())
                    .isEqualTo("22023");
        }
        assertThat(parse("/data/lake/..x/t").segments()).containsExactly("data", "lake", "..x", "t");
    }

    @Test
    void relativeAndRemoteFileLocationsAreRefused() {
        assertThatThrownBy(() -> parse("data/lake"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> parse("file:data/lake")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> parse("file://server/share"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("server");
    }

    @Test
    void containmentIsByWholeSegments() {
        CanonicalLocation lake = parse("/data/lake");
        assertThat(lake.contains(parse("/data/lake"))).isTrue();
        assertThat(lake.contains(parse("/data/lake/t/x"))).isTrue();
        assertThat(lake.contains(parse("file:///data/lake/t"))).isTrue();
        assertThat(lake.contains(parse("/data/lakehouse"))).isFalse();
        assertThat(lake.contains(parse("/data"))).isFalse();
        assertThat(lake.overlaps(parse("/data"))).isTrue();
        assertThat(parse("/").contains(lake)).isTrue();
        assertThat(parse("s3://bucket/lake").contains(parse("s3://bucket/lake/t")))
                .isTrue();
        assertThat(parse("s3://bucket/lake").contains(parse("s3://other/lake/t")))
                .isFalse();
        assertThat(parse("s3://bucket/lake").contains(parse("/lake/t"))).isFalse();
    }

    @Test
    void allowedLocationsMatchOnSegmentBoundaries() {
        AllowedLocations allowed = AllowedLocations.parse("/data/lake, file:/srv/delta/");
        assertThat(allowed.restricted()).isTrue();
        assertThat(allowed.permits(parse("/data/lake/t"))).isTrue();
        assertThat(allowed.permits(parse("/srv/delta/t"))).isTrue();
        assertThat(allowed.permits(parse("/data/lakehouse/t"))).isFalse();
        assertThat(AllowedLocations.parse(null).permits(parse("/anywhere"))).isTrue();
        assertThat(AllowedLocations.parse("").permits(parse("/anywhere"))).isFalse();
        assertThatThrownBy(() -> AllowedLocations.parse("/data/../etc")).isInstanceOf(InvalidRequestException.class);
    }
}
