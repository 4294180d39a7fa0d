package io.deltasql.core.internal.store;

import java.util.List;

/** A dialect-neutral description of one catalog table, rendered to DDL by a {@link Dialect}. */
public record TableDef(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes) {
    public TableDef {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
    }

    /** One column; {@code nullable=false} renders NOT NULL. */
    public record Column(String name, ColumnType type, boolean nullable) {}

    /** A secondary index. */
    public record Index(String name, boolean unique, List<String> columns) {
        public Index {
            columns = List.copyOf(columns);
        }
    }

    public static Column col(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    public static Column nullable(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    public static Index index(String name, String... columns) {
        return new Index(name, false, List.of(columns));
    }

    public static Index unique(String name, String... columns) {
        return new Index(name, true, List.of(columns));
    }
}
