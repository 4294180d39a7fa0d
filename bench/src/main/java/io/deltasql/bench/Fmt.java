package io.deltasql.bench;

import java.util.Locale;

/** Number formatting for the report. */
public final class Fmt {
    private Fmt() {}

    /** Three significant digits, no exponent. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A ratio as "12.3×". */
    public static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "—" : num(v) + "×";
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
