package io.deltasql.calcite;

import java.util.Locale;
import java.util.Optional;

/** A name in the {@code delta} schema: {@code <table>$<kind>} for the virtual tables of a Delta table. */
record VirtualTableName(String table, Kind kind) {
    /** The virtual tables every Delta table has. */
    enum Kind {
        FILES,
        HISTORY,
        LOG,
        CHANGES,
        PARTITIONS,
        SCHEMA,
        PROPERTIES;

        String suffix() {
            return "$" + name().toLowerCase(Locale.ROOT);
        }
    }

    static Optional<VirtualTableName> parse(String name) {
        int dollar = name.lastIndexOf('$');
        if (dollar <= 0) {
            return Optional.empty();
        }
        String suffix = name.substring(dollar + 1).toUpperCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.name().equals(suffix)) {
                return Optional.of(new VirtualTableName(name.substring(0, dollar), k));
            }
        }
        return Optional.empty();
    }

    String sqlName() {
        return table + kind.suffix();
    }
}
