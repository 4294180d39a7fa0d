package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerator;

/** Calcite's enumerator over a closeable iterator of source objects, mapped to rows lazily; closing it releases the catalog cursor. */
final class RowEnumerator<T> implements Enumerator<Object> {
    private final CloseableIterator<T> source;
    private final Function<T, Object> toRow;
    private Object current;

    RowEnumerator(CloseableIterator<T> source, Function<T, Object> toRow) {
        this.source = source;
        this.toRow = toRow;
    }

    @Override
    public Object current() {
        return current;
    }

    @Override
    public boolean moveNext() {
        if (!source.hasNext()) {
            return false;
        }
        current = toRow.apply(source.next());
        return true;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("a catalog listing can only be read once");
    }

    @Override
    public void close() {
        source.close();
    }
}
