package io.deltasql.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsecutiveRunsTest {
    @Test
    void groupsConsecutiveVersionsInAnyOrderAndDropsRepeats() {
        assertThat(CatalogMirrorLedger.consecutiveRuns(List.of(7L, 3L, 4L, 5L, 9L, 8L, 4L, 12L)))
                .containsExactly(new long[] {3, 5}, new long[] {7, 9}, new long[] {12, 12});
    }

    @Test
    void oneVersionIsOneRunAndNoneIsNone() {
        assertThat(CatalogMirrorLedger.consecutiveRuns(List.of(0L))).containsExactly(new long[] {0, 0});
        assertThat(CatalogMirrorLedger.consecutiveRuns(List.of())).isEmpty();
    }
}
