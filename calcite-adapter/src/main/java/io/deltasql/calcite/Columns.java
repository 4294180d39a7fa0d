package io.deltasql.calcite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The columns of a virtual table, each with its SQL type and how its value is read from a source
 * object; builds the row type and the rows (of every column, or of the columns a query uses).
 */
final class Columns<T> {
    /** One column: its name, its SQL type (nullable unless said otherwise) and its value for a source object. */
    record Column<T>(String name, Function<RelDataTypeFactory, RelDataType> type, Function<T, Object> value) {}

    private final List<Column<T>> columns = new ArrayList<>();

    Columns<T> add(String name, SqlTypeName type, Function<T, Object> value) {
        return add(name, f -> f.createTypeWithNullability(sqlType(f, type), true), value);
    }

    Columns<T> notNull(String name, SqlTypeName type, Function<T, Object> value) {
        return add(name, f -> sqlType(f, type), value);
    }

    Columns<T> add(String name, Function<RelDataTypeFactory, RelDataType> type, Function<T, Object> value) {
        columns.add(new Column<>(name, type, value));
        return this;
    }

    private static RelDataType sqlType(RelDataTypeFactory f, SqlTypeName type) {
        return type == SqlTypeName.TIMESTAMP ? f.createSqlType(type, 3) : f.createSqlType(type);
    }

    RelDataType rowType(RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder b = factory.builder();
        for (Column<T> c : columns) {
            b.add(c.name(), c.type().apply(factory));
        }
        return b.build();
    }

    int size() {
        return columns.size();
    }

    String name(int index) {
        return columns.get(index).name();
    }

    /** The index of the named column, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Rows of the given columns only (by index, in that order): the others are never computed. A
     * row of one column is its bare value, as Calcite's generated code expects of one-field rows.
     */
    Projection<T> project(int[] indexes) {
        @SuppressWarnings("unchecked")
        Function<T, Object>[] values = new Function[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            values[i] = columns.get(indexes[i]).value();
        }
        return new Projection<>(values);
    }

    /** Builds rows of some columns of a virtual table. */
    static final class Projection<T> {
        private final Function<T, Object>[] values;

        private Projection(Function<T, Object>[] values) {
            this.values = values;
        }

        /** An array of the values, or the value itself for a single column. */
        Object row(T source) {
            if (values.length == 1) {
                return values[0].apply(source);
            }
            Object[] row = new Object[values.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = values[i].apply(source);
            }
            return row;
        }
    }
}
