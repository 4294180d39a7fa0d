package io.deltasql.core.internal.store;

import java.util.Collections;

/** Parameter lists of SQL text: the markers of an {@code IN (...)} list or a repeated clause. */
final class Placeholders {
    private Placeholders() {}

    /** {@code n} parameter markers separated by commas: "?, ?, ?" (empty for none). */
    static String of(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
