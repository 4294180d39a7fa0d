package io.deltasql.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What the writer takes for a commit file a machine crash left incomplete (and so may replace):
 * a prefix of its own content followed only by zeros, never other content.
 */
class IncompleteCopyTest {

    @Test
    void onlyAPrefixOfOurContentFollowedByZerosIsAnIncompleteCopy() {
        byte[] ours = "{\"commitInfo\":{}}\n{\"add\":{}}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(MirrorWriter.incompleteCopy(new byte[0], ours)).isTrue();
        assertThat(MirrorWriter.incompleteCopy(Arrays.copyOf(ours, 5), ours)).isTrue();
        assertThat(MirrorWriter.incompleteCopy(Arrays.copyOf(Arrays.copyOf(ours, 5), ours.length), ours))
                .isTrue();
        assertThat(MirrorWriter.incompleteCopy(ours, ours)).as("complete").isFalse();
        assertThat(MirrorWriter.incompleteCopy("{\"commitInfo\":{\"x\"".getBytes(StandardCharsets.UTF_8), ours))
                .as("other content")
                .isFalse();
        byte[] longer = Arrays.copyOf(ours, ours.length + 3);
        assertThat(MirrorWriter.incompleteCopy(longer, ours))
                .as("longer than ours")
                .isFalse();
    }
}
