package io.deltasql.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exponential backoff of password guessing, per user name and client address: after
 * {@value #FREE_FAILURES} failed logins in a row, attempts from that address for that user are
 * refused without checking the password for the initial delay, doubled after each further
 * failure up to the maximum; a successful login clears it. State is kept for a bounded number of
 * (user, address) pairs and forgotten once idle, so a flood of names costs bounded memory. Each
 * change of state is logged once: backoff starting, reaching its maximum, lifted by a success.
 */
final class LoginBackoff {
    private static final Logger LOG = LoggerFactory.getLogger(LoginBackoff.class);
    /** Failed logins in a row that cost nothing: typos, a client retrying with an old password. */
    static final int FREE_FAILURES = 3;

    static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_MAX = Duration.ofMinutes(5);
    /** (user, address) pairs remembered; the least recently used beyond it are forgotten. */
    static final long MAX_TRACKED = 10_000;
    /** Names are cut to this in the key: a client sending huge names must not grow the state. */
    private static final int MAX_USER_LENGTH = 256;

    private record Key(String user, String address) {}

    /** Failed logins in a row and until when attempts are refused (Ticker nanoseconds). */
    private record Failures(int count, long refusedUntil) {}

    private final long initialNanos;
    private final long maxNanos;
    private final Ticker ticker;
    private final Cache<Key, Failures> failures;

    LoginBackoff(Duration initial, Duration max, Ticker ticker) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "login backoff: the initial delay must be positive and at most the maximum, was "
                            + initial.toMillis() + " ms and " + max.toMillis() + " ms");
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.ticker = ticker;
        // Kept well past the longest delay: a guesser pausing for the maximum still finds its count.
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterWrite(max.multipliedBy(2).plusMinutes(1))
                .ticker(ticker)
                .build();
    }

    /** How long attempts for {@code user} from {@code address} are still refused; zero when they may try. */
    Duration remaining(String user, String address) {
        Failures f = failures.getIfPresent(key(user, address));
        long left = f == null ? 0 : f.refusedUntil() - ticker.read();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    void failed(String user, String address) {
        Failures f = failures.asMap().merge(key(user, address), next(1), (old, one) -> next(old.count() + 1));
        if (f.count() == FREE_FAILURES) {
            LOG.warn(
                    "login backoff for user '{}' from {}: {} failed logins in a row; further attempts are refused for {} ms, "
                            + "doubling with each failure up to {} ms",
                    LogEscaper.escape(user),
                    address,
                    f.count(),
                    initialNanos / 1_000_000,
                    maxNanos / 1_000_000);
        } else if (f.count() > FREE_FAILURES && delay(f.count()) == maxNanos && delay(f.count() - 1) < maxNanos) {
            LOG.warn(
                    "login backoff for user '{}' from {}: {} failed logins in a row; attempts now refused for the maximum {} ms "
                            + "after each failure",
                    LogEscaper.escape(user),
                    address,
                    f.count(),
                    maxNanos / 1_000_000);
        }
    }

    void succeeded(String user, String address) {
        Failures f = failures.asMap().remove(key(user, address));
        if (f != null && f.count() >= FREE_FAILURES) {
            LOG.info(
                    "login backoff for user '{}' from {} lifted by a successful login after {} failures",
                    LogEscaper.escape(user),
                    address,
                    f.count());
        }
    }

    private Failures next(int count) {
        long delay = delay(count);
        return new Failures(count, delay == 0 ? 0 : ticker.read() + delay);
    }

    /** The refusal after the {@code count}-th failure in a row: none, then initial × 2^(count − FREE_FAILURES), capped. */
    private long delay(int count) {
        if (count < FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(count - FREE_FAILURES, 62);
        long delay = initialNanos << doublings;
        return delay <= 0 || (delay >> doublings) != initialNanos || delay > maxNanos ? maxNanos : delay;
    }

    private static Key key(String user, String address) {
        String name = user == null ? "" : user;
        return new Key(name.length() > MAX_USER_LENGTH ? name.substring(0, MAX_USER_LENGTH) : name, address);
    }
}
