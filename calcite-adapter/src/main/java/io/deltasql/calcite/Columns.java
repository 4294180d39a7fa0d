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
 * object; builds the row type and the (projected) rows.
 */
final class Columns<T> {
    /** One column: its name, its SQL type (nullable unless said otherwise) and its value for a source object. */
    record Column<T>(String name, Function<RelDataTypeFactory, RelDataType> type, Function<T, Object> value) {
    }

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

    /** The row of {@code source}: every column, in order. */
    Object[] row(T source) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = columns.get(i).value().apply(source);
        }
        return row;
    }
}
