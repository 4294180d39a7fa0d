package io.deltasql.core.internal.files;

import java.util.Arrays;

/**
 * Splits a stats text (its UTF-8 bytes) into literal text and values: JSON string values (not
 * keys) and number literals. The split is exact: literals and values put back in order give the
 * bytes again, whatever they hold, so it needs no valid JSON; a text it cannot split (an
 * unterminated string) is reported and then stored whole. Multi-byte UTF-8 sequences never
 * contain ASCII bytes, so working on bytes sees the same quotes and digits as on characters.
 */
final class StatsLexer {
    int values;
    byte[] kinds = new byte[16];
    int[] starts = new int[16];
    int[] ends = new int[16];
    long[] numbers = new long[16];
    private long parsed;

    /** Splits {@code text[0, length)}; false when it cannot. */
    boolean lex(byte[] text, int length) {
        values = 0;
        int i = 0;
        while (i < length) {
            byte c = text[i];
            if (c == '"') {
                int close = closingQuote(text, i + 1, length);
                if (close < 0) {
                    return false;
                }
                if (!isKey(text, close + 1, length)) {
                    add(StatsTemplate.TEXT, i + 1, close, 0);
                }
                i = close + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int end = i + 1;
                while (end < length && isNumberByte(text[end])) {
                    end++;
                }
                if (canonicalLong(text, i, end)) {
                    add(StatsTemplate.NUMBER, i, end, parsed);
                } else {
                    add(StatsTemplate.LITERAL, i, end, 0);
                }
                i = end;
            } else {
                i++;
            }
        }
        return true;
    }

    /**
     * Splits {@code text[0, length)} along {@code template}: its literals must appear where the
     * template has them, with values of the template's kinds between them. Cheaper than
     * {@link #lex} when consecutive files share a shape, which they nearly always do; false when
     * the text does not have this shape (then {@link #lex} decides).
     */
    boolean lexAs(StatsTemplate template, byte[] text, int length) {
        values = 0;
        int pos = 0;
        int n = template.kinds.length;
        for (int k = 0; k <= n; k++) {
            byte[] literal = template.literals[k];
            int end = pos + literal.length;
            if (end > length || !Arrays.equals(text, pos, end, literal, 0, literal.length)) {
                return false;
            }
            pos = end;
            if (k == n) {
                break;
            }
            byte kind = template.kinds[k];
            if (kind == StatsTemplate.TEXT) {
                int close = closingQuote(text, pos, length);
                if (close < 0) {
                    return false;
                }
                add(kind, pos, close, 0);
                pos = close;
            } else {
                int to = pos;
                while (to < length && isNumberByte(text[to])) {
                    to++;
                }
                boolean canonical = to > pos && canonicalLong(text, pos, to);
                if (canonical != (kind == StatsTemplate.NUMBER) || to == pos) {
                    return false;
                }
                add(kind, pos, to, canonical ? parsed : 0);
                pos = to;
            }
        }
        return pos == length;
    }

    int literalStart(int k) {
        return k == 0 ? 0 : ends[k - 1];
    }

    int literalEnd(int k, int length) {
        return k == values ? length : starts[k];
    }

    /** The template of the last split text. */
    StatsTemplate template(byte[] text, int length) {
        byte[][] literals = new byte[values + 1][];
        for (int k = 0; k <= values; k++) {
            literals[k] = Arrays.copyOfRange(text, literalStart(k), literalEnd(k, length));
        }
        return new StatsTemplate(literals, Arrays.copyOf(kinds, values));
    }

    private void add(byte kind, int start, int end, long number) {
        if (values == kinds.length) {
            int grown = values * 2;
            kinds = Arrays.copyOf(kinds, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            numbers = Arrays.copyOf(numbers, grown);
        }
        kinds[values] = kind;
        starts[values] = start;
        ends[values] = end;
        numbers[values] = number;
        values++;
    }

    private static int closingQuote(byte[] text, int from, int length) {
        for (int i = from; i < length; i++) {
            byte c = text[i];
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** A string followed (after blanks) by a colon is an object key, part of the template. */
    private static boolean isKey(byte[] text, int from, int length) {
        for (int i = from; i < length; i++) {
            byte c = text[i];
            if (c == ':') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return false;
    }

    private static boolean isNumberByte(byte c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    /** Whether {@code text[from, to)} is exactly what {@link Long#toString(long)} writes for some long. */
    private boolean canonicalLong(byte[] text, int from, int to) {
        boolean negative = text[from] == '-';
        int digits = from + (negative ? 1 : 0);
        int length = to - digits;
        if (length < 1 || length > 19 || (text[digits] == '0' && (length > 1 || negative))) {
            return false;
        }
        long v = 0;
        for (int i = digits; i < to; i++) {
            byte c = text[i];
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return false; // beyond Long.MAX_VALUE (Long.MIN_VALUE itself stays a literal)
            }
        }
        parsed = negative ? -v : v;
        return true;
    }
}
