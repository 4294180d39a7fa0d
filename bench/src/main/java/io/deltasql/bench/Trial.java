package io.deltasql.bench;

/**
 * One measured operation: {@link #before()} and {@link #after()} run untimed around the timed
 * {@link #run()}, which returns what it counted (files, rows, a version) so the work cannot be
 * optimised away and both sides can be checked to agree.
 */
public interface Trial {
    default void before() throws Exception {}

    long run() throws Exception;

    default void after() throws Exception {}

    /** A trial with no set-up. */
    static Trial of(Trial run) {
        return run;
    }
}
