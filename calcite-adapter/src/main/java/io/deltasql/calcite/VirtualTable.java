package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A read-only view of catalog metadata as a SQL table. {@link DeltaTableScan} hands it the filters
 * of a query and the columns it uses; it narrows its catalog read with the filters it understands
 * (Calcite still applies every filter on top), computes only those columns, and reads lazily, when
 * the query runs.
 */
abstract class VirtualTable<T> extends AbstractTable implements DeltaScannable, TranslatableTable {
    protected final Columns<T> columns;

    VirtualTable(Columns<T> columns) {
        this.columns = columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return columns.rowType(typeFactory);
    }

    /** Scans with {@link DeltaTableScan}, which hands the query's filters to {@link #scan}. */
    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return new DeltaTableScan(context.getCluster(), relOptTable, List.of());
    }

    @Override
    public Enumerable<Object> scan(DataContext root, List<RexNode> filters, int[] projected) {
        List<RexNode> seen = List.copyOf(BoundParameters.bind(filters, root));
        Columns.Projection<T> projection = columns.project(projected);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object> enumerator() {
                return new RowEnumerator<>(read(seen), projection::row);
            }
        };
    }

    /** The source objects of the rows, narrowed by {@code filters} where that is cheap and exact enough. */
    abstract CloseableIterator<T> read(List<RexNode> filters);
}
