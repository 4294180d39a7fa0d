package io.deltasql.jdbc.local;

import io.deltasql.jdbc.ColumnSizes;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.schema.Table;

/**
 * The rows of {@code DatabaseMetaData.getColumns}: Calcite names a column's type with its
 * nullability and precision ({@code VARCHAR NOT NULL}, {@code TIMESTAMP(3)}), which schema browsers
 * take for a user-defined type; here the type name is the standard one and the sizes are those of
 * {@link ColumnSizes}, nullability only in NULLABLE and IS_NULLABLE.
 */
final class StandardColumnFactory implements CalciteMetaColumnFactory {
    @Override
    public MetaColumn createColumn(
            Table table,
            String tableCat,
            String tableSchem,
            String tableName,
            String columnName,
            int dataType,
            String typeName,
            Integer columnSize,
            Integer decimalDigits,
            int numPrecRadix,
            int nullable,
            Integer charOctetLength,
            int ordinalPosition,
            String isNullable) {
        // Calcite passes the type's precision (fractional-second digits for a date-time) and scale.
        int precision = columnSize == null ? -1 : columnSize;
        int scale = decimalDigits == null ? 0 : decimalDigits;
        return new MetaColumn(
                tableCat,
                tableSchem,
                tableName,
                columnName,
                dataType,
                ColumnSizes.typeName(dataType),
                ColumnSizes.columnSize(dataType, precision, scale),
                ColumnSizes.decimalDigits(dataType, precision, scale),
                numPrecRadix,
                nullable,
                ColumnSizes.charOctetLength(dataType, precision),
                ordinalPosition,
                isNullable,
                "NO",
                "NO");
    }

    @Override
    public Class<? extends MetaColumn> getMetaColumnClass() {
        return MetaColumn.class;
    }
}
