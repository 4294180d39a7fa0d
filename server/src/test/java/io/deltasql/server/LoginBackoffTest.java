package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The backoff's policy, on a clock the test moves (no waiting). */
class LoginBackoffTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker clock = now::get;
    private final LoginBackoff backoff = new LoginBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), clock);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void engagesAfterThreeFailuresAndDoublesUpToTheMaximum() {
        backoff.failed("alice", "10.0.0.1");
        backoff.failed("alice", "10.0.0.1");
        assertThat(backoff.remaining("alice", "10.0.0.1"))
                .as("two failures are free")
                .isZero();
        backoff.failed("alice", "10.0.0.1");
        assertThat(backoff.remaining("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofMillis(400));
        assertThat(backoff.remaining("alice", "10.0.0.1")).isEqualTo(Duration.ofMillis(600));
        advance(Duration.ofMillis(600));
        assertThat(backoff.remaining("alice", "10.0.0.1")).isZero();

        long[] expectedSeconds = {2, 4, 8, 10, 10};
        for (long seconds : expectedSeconds) {
            backoff.failed("alice", "10.0.0.1");
            assertThat(backoff.remaining("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(seconds));
            advance(Duration.ofSeconds(seconds));
        }
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 0; i < 3; i++) {
            backoff.failed("alice", "10.0.0.1");
        }
        advance(Duration.ofSeconds(1));
        backoff.succeeded("alice", "10.0.0.1");
        backoff.failed("alice", "10.0.0.1");
        backoff.failed("alice", "10.0.0.1");
        assertThat(backoff.remaining("alice", "10.0.0.1"))
                .as("counting starts again")
                .isZero();
    }

    @Test
    void eachUserAndAddressHasItsOwnBackoff() {
        for (int i = 0; i < 5; i++) {
            backoff.failed("alice", "10.0.0.1");
        }
        assertThat(backoff.remaining("alice", "10.0.0.1")).isPositive();
        assertThat(backoff.remaining("alice", "10.0.0.2"))
                .as("alice from elsewhere")
                .isZero();
        assertThat(backoff.remaining("bob", "10.0.0.1"))
                .as("another user from the same address")
                .isZero();
    }

    @Test
    void forgottenOnceIdleLongEnough() {
        for (int i = 0; i < 4; i++) {
            backoff.failed("alice", "10.0.0.1");
        }
        advance(Duration.ofMinutes(2));
        backoff.failed("alice", "10.0.0.1");
        assertThat(backoff.remaining("alice", "10.0.0.1"))
                .as("the old failures expired; this is the first again")
                .isZero();
    }

    @Test
    void refusesANonsensicalPolicy() {
        assertThatThrownBy(() -> new LoginBackoff(Duration.ZERO, Duration.ofSeconds(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
