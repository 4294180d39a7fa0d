package io.deltasql.server;

import java.util.List;

/** About how many bytes rows of a result take on the wire: enough to bound frames and results, cheap to compute. */
final class ResultSizes {
    private ResultSizes() {}

    static long of(List<Object> rows) {
        long bytes = 0;
        for (Object row : rows) {
            bytes += of(row);
        }
        return bytes;
    }

    static long of(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof CharSequence s) {
            return 2L + s.length();
        }
        if (value instanceof byte[] b) {
            return 2L + b.length;
        }
        if (value instanceof Object[] values) {
            long bytes = 2;
            for (Object v : values) {
                bytes += of(v);
            }
            return bytes;
        }
        if (value instanceof Iterable<?> values) {
            long bytes = 2;
            for (Object v : values) {
                bytes += of(v);
            }
            return bytes;
        }
        return 9;
    }
}
