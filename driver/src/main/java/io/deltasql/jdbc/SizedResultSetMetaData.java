package io.deltasql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The local driver's {@code ResultSetMetaData} with the type names and sizes of
 * {@link ColumnSizes}, as {@code getColumns} reports them: Calcite gives an unbounded VARCHAR
 * precision 0 and display size -1, and a {@code TIMESTAMP(3)} display size 3. A server passes these
 * on to its remote clients.
 */
final class SizedResultSetMetaData implements ResultSetMetaData {
    private final ResultSetMetaData target;

    SizedResultSetMetaData(ResultSetMetaData target) {
        this.target = target;
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        Integer size =
                ColumnSizes.columnSize(getColumnType(column), target.getPrecision(column), target.getScale(column));
        return size == null ? 0 : size;
    }

    @Override
    public int getScale(int column) throws SQLException {
        Integer digits =
                ColumnSizes.decimalDigits(getColumnType(column), target.getPrecision(column), target.getScale(column));
        return digits == null ? 0 : digits;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return ColumnSizes.displaySize(getColumnType(column), target.getPrecision(column), target.getScale(column));
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return ColumnSizes.typeName(getColumnType(column));
    }

    @Override
    public int getColumnCount() throws SQLException {
        return target.getColumnCount();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return target.isAutoIncrement(column);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return target.isCaseSensitive(column);
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        return target.isSearchable(column);
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return target.isCurrency(column);
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return target.isNullable(column);
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return target.isSigned(column);
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return target.getColumnLabel(column);
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return target.getColumnName(column);
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return target.getSchemaName(column);
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return target.getTableName(column);
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        return target.getCatalogName(column);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return target.getColumnType(column);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return target.isReadOnly(column);
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return target.isWritable(column);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        return target.isDefinitelyWritable(column);
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return target.getColumnClassName(column);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
