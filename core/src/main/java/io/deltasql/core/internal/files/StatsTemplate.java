package io.deltasql.core.internal.files;

import java.util.Arrays;

/**
 * The shape of a stats text: the literal text around its values (UTF-8), and each value's kind.
 * Writers record the same keys for every file of a table, so a table's files share a few
 * templates and only their values are stored per file.
 */
final class StatsTemplate {
    /** A canonical whole number that fits in a long: stored as a number. */
    static final byte NUMBER = 0;
    /** The content of a JSON string value, between its quotes (escapes kept as written). */
    static final byte TEXT = 1;
    /** Any other number literal (fractions, exponents), kept as written. */
    static final byte LITERAL = 2;

    final byte[][] literals;
    final byte[] kinds;
    private final int hash;

    StatsTemplate(byte[][] literals, byte[] kinds) {
        this.literals = literals;
        this.kinds = kinds;
        this.hash = 31 * Arrays.deepHashCode(literals) + Arrays.hashCode(kinds);
    }

    int values() {
        return kinds.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatsTemplate t
                && hash == t.hash
                && Arrays.deepEquals(literals, t.literals)
                && Arrays.equals(kinds, t.kinds);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
