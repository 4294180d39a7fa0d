package io.deltasql.core;

import java.util.Iterator;

/** An iterator over a possibly huge result that holds a resource (a catalog connection) until closed. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();

    /** An iterator over values already in memory: closing it releases nothing. */
    static <T> CloseableIterator<T> of(Iterator<T> inMemory) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return inMemory.hasNext();
            }

            @Override
            public T next() {
                return inMemory.next();
            }

            @Override
            public void close() {}
        };
    }
}
