package io.deltasql.server;

import java.time.Duration;

/**
 * What one request and one statement may cost the server, so that one client asking for too much
 * cannot take memory or time from the others.
 *
 * @param maxRequestBytes the largest request body (a statement's SQL and its parameters) read
 * @param frameBytes about the most bytes of rows in one frame of a result
 * @param maxResultBytes the most bytes of results one execution of a statement sends
 * @param maxQueryTime the most time the server spends running one execution and producing its frames
 */
public record StatementLimits(long maxRequestBytes, long frameBytes, long maxResultBytes, Duration maxQueryTime) {
    private static final long MIB = 1024L * 1024;
    /**
     * 16 MiB holds a 100,000-row INSERT twice over, and the 8 Mi-character statement limit; frames of 16 MiB keep a few
     * clients' frames in flight well inside a default heap; 2 GiB of results is a whole million-file
     * listing; 15 minutes is far beyond any catalog query, short of a runaway cross join.
     */
    public static final StatementLimits DEFAULTS =
            new StatementLimits(16 * MIB, 16 * MIB, 2048 * MIB, Duration.ofMinutes(15));

    public StatementLimits {
        if (maxRequestBytes <= 0 || maxRequestBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--max-request-bytes must be between 1 and " + (Integer.MAX_VALUE - 8)
                    + ", was " + maxRequestBytes);
        }
        if (frameBytes <= 0) {
            throw new IllegalArgumentException("the frame size must be > 0 bytes, was " + frameBytes);
        }
        if (maxResultBytes <= 0) {
            throw new IllegalArgumentException("--max-result-bytes must be > 0, was " + maxResultBytes);
        }
        if (maxQueryTime == null || maxQueryTime.isNegative() || maxQueryTime.isZero()) {
            throw new IllegalArgumentException("--query-timeout-seconds must be > 0, was " + maxQueryTime);
        }
    }
}
